package i18n

// frenchTUI is the full-screen UI's French; a test fails on a key it
// lacks.
func frenchTUI() map[Key]msg {
	return map[Key]msg{
		// Key names, as keyboards label them.
		KeyNameEnter:     s("entrée"),
		KeyNameEsc:       s("échap"),
		KeyNameShift:     s("maj"),
		KeyNameHome:      s("début"),
		KeyNameEnd:       s("fin"),
		KeyNamePgUp:      s("pgpréc"),
		KeyNamePgDown:    s("pgsuiv"),
		KeyNameSpace:     s("espace"),
		KeyNameBackspace: s("retour arrière"),
		KeyNameTab:       s("tab"),
		// What the global keys do.
		KeyHelp:            s("aide"),
		KeyBack:            s("retour"),
		KeyQuit:            s("quitter"),
		KeyAppointments:    s("rendez-vous"),
		KeyAgenda:          s("agenda du jour"),
		KeyWalkIn:          s("sans rendez-vous"),
		KeyChangeLocation:  s("changer de lieu"),
		KeyChangeService:   s("changer de prestation"),
		KeyMyBooking:       s("mon rendez-vous"),
		KeyScreenReader:    s("lecteur d'écran"),
		KeyInspector:       s("appels API"),
		KeyAvailabilityMap: s("carte des disponibilités"),
		// Failures, as the status line says them.
		FailedBecause:     s("%[1]s : %[2]s"),
		ErrCantReach:      s("Impossible de joindre Zimun (%s)"),
		ErrCancelled:      s("Annulé"),
		ErrNotADay:        s("Ce n'est pas un jour : essayez 2026-03-12, 12/3, 12 mars, demain, vendredi ou +2s"),
		ErrCredentials:    s("Zimun a refusé les identifiants : vérifiez ZIMUN_CLIENT_ID et ZIMUN_CLIENT_SECRET"),
		ErrLacksScope:     s("Ce client n'a pas la portée %s"),
		ErrLacksAScope:    s("Ce client n'a pas la portée que demande cette action"),
		ErrRateLimitedFor: s("Zimun limite le débit ; réessayez dans %s s"),
		ErrRateLimited:    s("Zimun limite le débit ; réessayez dans un instant"),
		ErrSlotTaken:      s("Ce créneau vient d'être pris"),
		ErrNotFound:       s("Introuvable sur Zimun"),
		ErrNotFoundSaying: s("Introuvable sur Zimun : %s"),
		ErrHoldExpired:    s("Le créneau retenu a expiré avant d'être confirmé"),
		ErrInvalid:        s("Zimun a refusé la requête comme invalide"),
		ErrServer:         s("Zimun a eu une erreur serveur (%s) ; réessayez"),
		ErrServerNoRetry:  s("Zimun a eu une erreur serveur (%s)"),
		ErrAnswered:       s("Zimun a répondu %s"),
		NetTimedOut:       s("délai dépassé"),
		NetRefused:        s("connexion refusée"),
		NetReset:          s("connexion réinitialisée"),
		NetUnknownHost:    s("hôte inconnu %s"),
		NetError:          s("erreur réseau"),
	}
}
