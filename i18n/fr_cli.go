package i18n

// frenchCLI is the command line's help, its parse errors and the
// configuration's errors, in French.
func frenchCLI() map[Key]msg {
	return map[Key]msg{
		// Help: the layout.
		UsageUsage:             s("Utilisation :"),
		UsageCommand:           s("[commande]"),
		UsageFlagsArg:          s("[options]"),
		UsageAliases:           s("Alias :"),
		UsageExamples:          s("Exemples :"),
		UsageAvailableCommands: s("Commandes disponibles :"),
		UsageFlags:             s("Options :"),
		UsageGlobalFlags:       s("Options globales :"),
		UsageMoreInfo:          s("Lancez « %s [commande] --help » pour en savoir plus sur une commande."),
		UsageDefault:           s("par défaut :"),
		FlagHelp:               s("aide de %s"),
		FlagVersion:            s("version de %s"),
		CmdHelpShort:           s("Aide sur n'importe quelle commande"),
		CmdHelpLong:            s("help donne l'aide de n'importe quelle commande.\nTapez %s help [chemin de la commande] pour tous les détails."),
		CmdCompletionShort:     s("Générer le script d'autocomplétion pour le shell indiqué"),
		CmdCompletionLong:      s("Générer le script d'autocomplétion de %s pour le shell indiqué.\nL'aide de chaque sous-commande explique comment utiliser le script.\n"),
		// Help: zimun and its global flags.
		CmdRootShort: s("Prendre des rendez-vous avec l'API Zimun depuis le terminal"),
		CmdRootLong: s(`zimun prend des rendez-vous par l'API Zimun.

Sans commande, il ouvre l'écran de réservation. Sans identifiants configurés
(ZIMUN_CLIENT_ID et ZIMUN_CLIENT_SECRET, ou le fichier de configuration) ou
avec --demo, il travaille sur un bac à sable de démonstration intégré, dont
les données ne sont pas conservées.`),
		FlagConfig:      s("`FICHIER` de configuration (par défaut $ZIMUN_CONFIG, puis zimun/config.toml dans le dossier de configuration de l'utilisateur)"),
		FlagBaseURL:     s("`URL` racine de l'API, par exemple http://127.0.0.1:8080 (remplace ZIMUN_BASE_URL)"),
		FlagLog:         s("écrire un journal de débogage dans `FICHIER` (jamais dans le terminal)"),
		FlagDemo:        s("utiliser le bac à sable de démonstration intégré même si des identifiants sont configurés"),
		FlagLang:        s("langue : en ou fr (par défaut ui.language, puis LC_ALL, LC_MESSAGES, LANG)"),
		FlagUIService:   s("présélectionner la prestation (`ID ou nom`)"),
		FlagUILocation:  s("présélectionner le lieu (`ID ou nom`)"),
		FlagUIDate:      s("ouvrir le calendrier sur ce jour"),
		FlagNoColor:     s("sans couleurs (aussi quand NO_COLOR est défini)"),
		FlagAccessible:  s("le mode accessible : des questions numérotées en texte simple, pour les lecteurs d'écran (aussi ACCESSIBLE=1, ui.accessible, TERM=dumb)"),
		FlagTheme:       s("`NOM` du thème de couleurs : %s"),
		FlagUIHoldTTL:   s("durée des retenues dans le bac à sable de démonstration, pour essayer leur expiration (par défaut sandbox.hold_ttl, 10m)"),
		CmdVersionShort: s("Afficher la version"),
		// Help: the scripting verbs.
		FlagJSON:             s("afficher du JSON (stable, pour les scripts) au lieu d'un tableau"),
		FlagCurl:             s("afficher les appels à l'API en commandes curl au lieu de les faire (les écritures avec leur clé d'idempotence)"),
		FlagService:          s("`ID` ou nom exact de la prestation (par défaut booking.service)"),
		FlagLocation:         s("`ID` ou nom exact du lieu ; nécessaire quand la prestation est proposée en plusieurs lieux (par défaut booking.location)"),
		CmdServicesShort:     s("Lister les prestations que l'on peut réserver"),
		CmdLocationsShort:    s("Lister les lieux et leurs fuseaux horaires"),
		CmdAvailabilityShort: s("Lister les créneaux libres et les jours de fermeture d'une prestation, ou les places libres par jour de toutes les prestations (--all)"),
		FlagDays:             s("`N` jours à venir, de 1 à 90 (par défaut booking.days_ahead)"),
		FlagAll:              s("toutes les prestations dans tous les lieux actifs (ou au lieu de --location) : les places libres par jour, comme la carte des disponibilités de l'écran"),
		CmdHoldShort:         s("Retenir un créneau quelques minutes, à confirmer avec zimun confirm"),
		CmdHoldLong: s(`Retenir un créneau le temps de noter les coordonnées ; confirmez-le avec
« zimun confirm --hold ID ... » avant qu'il n'expire (10 minutes sur Zimun).

TIME est au format RFC3339 (2025-12-01T10:00:00Z) ou « AAAA-MM-JJ HH:MM »
dans le fuseau horaire du lieu.

Sans identifiants, la retenue vit dans un bac à sable intégré qui s'arrête
avec cette commande : aucune commande suivante ne peut donc la confirmer.
Pour un bac à sable qui survit à une commande, lancez « zimun sandbox » et
collez sa ligne export.`),
		FlagHoldAt:      s("début du créneau"),
		CmdReleaseShort: s("Rendre un créneau retenu avant l'expiration de la retenue"),
		FlagReleaseHold: s("`ID` de la retenue donné par zimun hold (comme zimun confirm le prend)"),
		CmdConfirmShort: s("Transformer une retenue en rendez-vous ; le client reçoit un e-mail"),
		CmdConfirmLong: s(`Transformer une retenue en rendez-vous ; le client reçoit un e-mail.

Si la réponse se perd (une panne de réseau, un délai dépassé, une erreur du
serveur), le résultat est inconnu : zimun le dit et sort avec le code 3.
Relancez la même commande pour le savoir : elle envoie la même requête avec
la même clé d'idempotence (tirée de la retenue et du contact, ou
--idempotency-key), elle ne peut donc jamais réserver deux fois, et une
réservation faite par la première tentative est signalée comme faite.`),
		FlagConfirmHold:    s("`ID` de la retenue donné par zimun hold"),
		FlagConfirmKey:     s("la `CLEF` de la confirmation (par défaut : tirée de la retenue et du contact)"),
		FlagName:           s("nom du client"),
		FlagEmail:          s("e-mail du client, pour la confirmation"),
		FlagPhone:          s("téléphone du client"),
		FlagNotes:          s("notes sur le rendez-vous"),
		CmdRescheduleShort: s("Déplacer un rendez-vous sur un autre créneau libre"),
		CmdRescheduleLong: s(`Déplacer un rendez-vous sur un autre créneau libre ; le client reçoit un
e-mail.

TIME est au format RFC3339 (2025-12-01T10:00:00Z) ou « AAAA-MM-JJ HH:MM »
dans le fuseau horaire du lieu du rendez-vous.`),
		FlagRescheduleAt:     s("nouveau début"),
		CmdCancelShort:       s("Annuler un rendez-vous ; le créneau est libéré et le client reçoit un e-mail"),
		FlagReason:           s("le motif, pour mémoire (`TEXTE`)"),
		CmdAppointmentShort:  s("Afficher un rendez-vous"),
		CmdAppointmentsShort: s("Lister les rendez-vous, toutes pages comprises"),
		CmdAppointmentsLong: s(`Lister les rendez-vous, toutes pages comprises (jusqu'à --limit).

--today, --week, --upcoming et --past sont les périodes de l'écran Rendez-vous,
en jours entiers du fuseau horaire de cet ordinateur : --upcoming commence à
minuit, il garde donc les rendez-vous plus tôt dans la journée, comme l'écran.
Sans aucune d'elles ni --from/--to, tous les rendez-vous sont listés.

--from et --to prennent AAAA-MM-JJ, « AAAA-MM-JJ HH:MM » (tous deux dans le
fuseau horaire de cet ordinateur) ou RFC3339 ; une date --to comprend toute
la journée. Ils ne se combinent pas avec les périodes nommées.

L'heure de chaque ligne est dans le fuseau de son lieu, nommé. Le tableau
regroupe les lignes par jour, puis par lieu, puis par heure, pour que les
heures de deux fuseaux ne se mélangent jamais ; --json garde l'ordre du
serveur (par heure).`),
		FlagToday:        s("aujourd'hui seulement"),
		FlagWeek:         s("les 7 prochains jours, aujourd'hui compris"),
		FlagUpcoming:     s("à partir du début de la journée"),
		FlagPast:         s("les 7 jours avant aujourd'hui"),
		FlagFrom:         s("à partir de"),
		FlagTo:           s("jusqu'à"),
		FlagStatus:       s("seulement ce `STATUT` : held, scheduled, confirmed ou cancelled"),
		FlagQuery:        s("chercher `TEXTE` dans les noms, les e-mails et les identifiants"),
		FlagApptLocation: s("seulement les rendez-vous de ce lieu (`ID` ou nom)"),
		FlagApptLimit:    s("au plus `N` rendez-vous (0 = tous)"),
		// Help: the desk's commands.
		CmdICSShort: s("Exporter un rendez-vous en fichier iCalendar (.ics)"),
		CmdICSLong: s(`Exporter un rendez-vous en fichier iCalendar (.ics), comme l'export de
l'écran, pour l'agenda du client ou de l'accueil.

Le fichier est écrit sous le nom zimun-ID.ics dans le dossier d'export
(ui.export_dir, sinon le dossier de téléchargement XDG, sinon ~/Downloads,
sinon le dossier personnel), sauf si -o nomme un autre fichier ; -o - l'écrit
sur la sortie standard. Le chemin écrit est affiché sur la sortie standard,
ou en {"path": ...} avec --json : f=$(zimun ics ID) fonctionne donc.

Quand le serveur ne montre pas le rendez-vous (pas de tel point d'accès, ou
des identifiants sans la portée appointments:read), c'est la copie de
l'historique de l'accueil qui est exportée, si cet accueil l'a réservé ou
modifié.`),
		FlagOutput:      s("écrire dans `FICHIER` (- = sortie standard ; par défaut zimun-ID.ics dans le dossier d'export)"),
		CmdHistoryShort: s("Afficher l'historique de l'accueil : ce que cet accueil a réservé, déplacé et annulé"),
		CmdHistoryLong: s(`Afficher l'historique de l'accueil, du plus récent au plus ancien : chaque
rendez-vous que cet accueil a réservé, déplacé ou annulé, depuis l'écran ou
avec zimun confirm, reschedule et cancel. Il est gardé sur cet ordinateur, à
part pour chaque API ($XDG_STATE_HOME/zimun/, sinon ~/.local/state/zimun/, un
dossier par API) : il ne demande donc pas de connexion. La démo n'en garde
pas.`),
		FlagHistoryLimit: s("au plus les `N` entrées les plus récentes (0 = toutes)"),
		// Help: the developer's tools.
		CmdAPIShort: s("Faire un appel authentifié à n'importe quel point d'accès de l'API, comme gh api"),
		CmdAPILong: s(`Faire un appel authentifié à n'importe quel point d'accès de l'API configurée
et afficher la réponse : du JSON indenté dans un terminal, telle que reçue
dans un tube.

PATH est sous /api/v1 (« services », « /appointments/a_123 »), ou part de la
racine de l'hôte s'il commence par /api/ ou /sandbox/ (« /api/v1/services »,
« /sandbox/outbox »), ou est une URL de l'API configurée. Le jeton est obtenu
et envoyé pour vous ; POST, PATCH et PUT portent une Idempotency-Key (une
nouvelle, ou --idempotency-key), leurs nouvelles tentatives ne s'appliquent
donc qu'une fois.

La méthode est METHOD, sinon --method, sinon POST s'il y a un corps, sinon
GET. Les champs -f clé=valeur forment un corps objet JSON : true, false, null
et les nombres sont envoyés tels quels, tout le reste en chaîne (--raw-field
pour toujours une chaîne). Pour un GET, et avec --input, les champs vont
plutôt dans la requête, comme avec gh api. -q clé=valeur ajoute à la requête.

Code de sortie : 0 pour une réponse 2xx ; 1 quand l'API a répondu par une
erreur (son corps est affiché) ou n'a pas pu être jointe ; 2 pour une
mauvaise utilisation.`),
		FlagMethod:     s("`VERBE` HTTP (par défaut GET, ou POST avec un corps)"),
		FlagField:      s("un champ du corps `clé=valeur`, typé : true, false, null et les nombres en JSON (répétable)"),
		FlagTypedField: s("comme -f, écrit à la manière de gh"),
		FlagRawField:   s("un champ du corps `clé=valeur` envoyé en chaîne (répétable)"),
		FlagQueryField: s("un champ de la requête `clé=valeur` (répétable)"),
		FlagInput:      s("envoyer le corps lu dans `FICHIER` (- pour l'entrée standard)"),
		FlagInclude:    s("afficher d'abord le statut et les en-têtes de la réponse"),
		FlagPaginate:   s("suivre next_page_token jusqu'à la dernière page et afficher tous les éléments en une réponse"),
		FlagAPIKey:     s("la `CLEF` de l'écriture (par défaut : une nouvelle à chaque lancement)"),
		FlagAPICurl:    s("afficher l'appel en commande curl au lieu de le faire"),
		CmdTokenShort:  s("Afficher un jeton bearer pour les identifiants configurés"),
		CmdTokenLong: s(`Afficher un jeton bearer pour les identifiants configurés sur la sortie
standard, et son expiration sur la sortie d'erreur, pour vos propres appels :

  curl -H "Authorization: Bearer $(zimun token)" "$ZIMUN_BASE_URL/api/v1/services"
  export ZIMUN_TOKEN=$(zimun token)   # ce qu'utilisent les commandes de l'inspecteur et de --curl

Le secret client n'est jamais affiché. Le bac à sable de démonstration intégré
s'arrête avec cette commande, elle demande donc des identifiants : pour un bac
à sable local, lancez « zimun sandbox » et collez sa ligne export.`),
		// Help: the servers.
		CmdKioskShort: s("Servir la prise de rendez-vous en libre-service par SSH, jusqu'à Ctrl-C ou SIGTERM"),
		CmdKioskLong: s(`Servir l'écran de réservation par SSH, une session par client :
ssh -p 2222 HÔTE. Il tourne jusqu'à Ctrl-C ou SIGTERM, puis prévient chaque
session de la fermeture, rend leurs retenues et s'arrête dans le délai de
--shutdown-grace.

Une session sans touche pressée pendant --idle-timeout affiche un compte à
rebours de --idle-warning, puis recommence pour le client suivant. Les clés
listées dans --desk-keys (ou kiosk.desk_keys) sont celles du personnel de
l'accueil ; tous les autres, avec ou sans clé, sont des clients. Chaque option
est aussi une clé [kiosk] du fichier de configuration. Les connexions et
déconnexions sont journalisées sur la sortie d'erreur (ou dans --log).`),
		FlagKioskListen:       s("`ADRESSE` d'écoute, hôte:port"),
		FlagHostKey:           s("`FICHIER` de la clé d'hôte SSH, créé (ed25519, mode 0600) s'il manque (par défaut kiosk_host_ed25519 dans le dossier d'état)"),
		FlagMaxSessions:       s("nombre maximal de clients à la fois ; le suivant apprend que toutes les bornes sont occupées"),
		FlagIdleTimeout:       s("sans touche pendant cette durée, l'avertissement d'inactivité s'affiche ; 0s jamais"),
		FlagIdleWarning:       s("durée du compte à rebours de l'avertissement d'inactivité avant que la borne ne recommence"),
		FlagShowReference:     s("durée d'affichage de la référence d'une réservation avant le client suivant"),
		FlagMaxSession:        s("session la plus longue, terminée après un avis ; 0s pour aucune limite"),
		FlagShutdownGrace:     s("sur SIGTERM ou Ctrl-C, le temps de prévenir les sessions, rendre les retenues et s'arrêter"),
		FlagConnectsPerMinute: s("nouvelles connexions par minute et par adresse client ; 0 pour aucune limite (mettez 0 derrière un répartiteur de charge)"),
		FlagDeskKeys:          s("une clé publique de l'accueil, ou le chemin absolu d'un fichier authorized_keys ; répétez pour en donner plusieurs"),
		FlagDebugAddr:         s("servir pprof et /debug/stats sur cette `ADRESSE` locale"),
		CmdSandboxShort:       s("Servir un bac à sable local de l'API Zimun avec des données de démonstration, jusqu'à Ctrl-C"),
		CmdSandboxLong: s(`Servir une doublure locale de l'API Zimun, avec des données de démonstration,
jusqu'à Ctrl-C.

Il affiche son URL de base, l'identifiant et le secret client qu'il accepte,
avec une ligne export qui dirige zimun (ou votre propre code) vers lui. Les
e-mails qu'il « envoie » sont gardés dans une boîte d'envoi à /sandbox/outbox.
Les requêtes sont journalisées sur la sortie d'erreur. Avec --data, les
données survivent à un redémarrage ; sans, elles vivent en mémoire.

--faults le fait dysfonctionner exprès, de façon reproductible à partir de
--seed ; les pannes injectées jusque-là sont comptées à /sandbox/faults.`),
		FlagSandboxListen:  s("`ADRESSE` d'écoute (le port 0 en choisit un libre)"),
		FlagClientID:       s("identifiant client que le bac à sable accepte"),
		FlagClientSecret:   s("secret client que le bac à sable accepte"),
		FlagSandboxHoldTTL: s("durée des retenues (par défaut sandbox.hold_ttl, 10m)"),
		FlagSeed:           s("graine des données de démonstration et des pannes (par défaut sandbox.seed ; 0 = celle du bac à sable, 1)"),
		FlagData:           s("garder les données dans `FICHIER` d'un redémarrage à l'autre (par défaut sandbox.data_file ; aucun = en mémoire)"),
		FlagFaults:         s("injecter des pannes selon `SPEC`, par exemple error=0.1,drop=0.05 (par défaut sandbox.faults ; voir plus haut)"),
		FlagRateLimit:      s("`R` requêtes par seconde et par jeton, 0 = aucune limite (par défaut sandbox.rate_limit, 50)"),
		// Parse errors.
		ErrUnknownFlag:       s("option inconnue : --%s"),
		ErrUnknownShorthand:  s("option courte inconnue : %[1]q dans -%[2]s"),
		ErrFlagNeedsArg:      s("l'option --%s demande une valeur"),
		ErrShorthandNeedsArg: s("l'option %[1]q demande une valeur, dans -%[2]s"),
		ErrInvalidFlagValue:  s("valeur %[1]q invalide pour l'option %[2]q : %[3]s"),
		ErrBadFlagSyntax:     s("option mal écrite : %s"),
		ErrNotANumber:        s("pas un nombre"),
		ErrNotADuration:      s("pas une durée (comme 90s, 10m ou 1h30m)"),
		ErrUnknownCommand:    s("commande inconnue %[1]q pour %[2]q"),
		ErrAcceptsArgs:       n(1, "attend %[1]d argument, en a reçu %[2]d", "attend %[1]d arguments, en a reçu %[2]d"),
		ErrAtLeastArgs:       n(1, "attend au moins %[1]d argument, n'en a reçu que %[2]d", "attend au moins %[1]d arguments, n'en a reçu que %[2]d"),
		ErrAtMostArgs:        n(1, "attend au plus %[1]d argument, en a reçu %[2]d", "attend au plus %[1]d arguments, en a reçu %[2]d"),
		ErrBetweenArgs:       s("attend de %[1]d à %[2]d arguments, en a reçu %[3]d"),
		ErrRequiredFlags:     s("option(s) obligatoire(s) absente(s) : %s"),
		// The configuration's errors, each naming its key.
		NamedProblem:      s("%[1]s : %[2]s"),
		CfgUnknownKey:     s("configuration %[1]s : clé inconnue %[2]s"),
		CfgURL:            s("doit être une URL http(s) comme %[1]s, pas %[2]q"),
		CfgURLUser:        s("ne doit contenir ni nom d'utilisateur ni mot de passe (ils seraient affichés et journalisés) ; utilisez api.client_id et api.client_secret"),
		CfgSecretMissing:  s("manquant alors que api.client_id est renseigné (ou définissez ZIMUN_CLIENT_SECRET)"),
		CfgIDMissing:      s("manquant alors que api.client_secret est renseigné (ou définissez ZIMUN_CLIENT_ID)"),
		CfgBetween:        s("doit être entre %[1]s et %[2]s, pas %[3]s"),
		CfgRange:          s("doit être entre %[1]s et %[2]s, pas %[3]s"),
		CfgClock:          s(`doit être "24h" ou "12h", pas %q`),
		CfgTheme:          s("doit être l'un de %[1]s, pas %[2]q"),
		CfgLanguage:       s(`doit être "en" ou "fr", pas %q`),
		CfgIdleTimeout:    s("doit être 0s (jamais) ou entre 10s et 24h, pas %s"),
		CfgIdleWarning:    s("doit être entre 20s et 10m, pour que le compte à rebours puisse être lu, pas %s"),
		CfgShowReference:  s("doit être entre 10s et 10m, le temps de noter la référence, pas %s"),
		CfgMaxSession:     s("doit être 0s (aucune limite) ou entre 1m et 24h, pas %s"),
		CfgConnects:       s("doit être de 0 (aucune limite) à 10000, pas %s"),
		CfgRateLimit:      s("doit être de 0 (aucune limite) à %[1]s requêtes par seconde et par jeton, pas %[2]s"),
		CfgDeskKeyEmpty:   s(`vide ; attendu : une clé publique (« ssh-ed25519 AAAA… ») ou le chemin absolu d'un fichier authorized_keys`),
		CfgDeskKeyInvalid: s("pas une clé publique valide : %s"),
		CfgDeskKeyWant:    s("attendu : une clé publique ou le chemin absolu d'un fichier authorized_keys, pas %q"),
		CfgListen:         s("attendu : hôte:port, pas %q"),
		CfgPort:           s("le port doit être entre 0 et 65535, pas %q"),
		CfgWeekday:        s(`doit être un jour de la semaine comme "monday" ou "sunday", pas %q`),
		// Dates and times on the command line.
		ErrWantDateOrTime: s(`attendu : AAAA-MM-JJ, « AAAA-MM-JJ HH:MM » ou RFC3339 comme 2025-12-01T10:00:00Z`),
		ErrWantTime:       s(`attendu : « AAAA-MM-JJ HH:MM » (dans le fuseau du lieu) ou RFC3339 comme 2025-12-01T10:00:00Z`),
		ErrSkippedTime:    s("%[1]s n'existe pas dans le fuseau %[2]s (l'heure d'été le saute)"),
		ErrRepeatedTime:   s("%[1]s arrive deux fois dans le fuseau %[2]s (on recule l'heure) ; donnez un décalage, par exemple %[3]s ou %[4]s"),
		ProblemsSep:       s(" ; "),
		// The commands' usage errors and notes.
		ErrPaginateGET:           s("--paginate suit les pages d'un GET, pas d'un %s"),
		ErrMethodTwice:           s("la méthode est donnée deux fois : %[1]s et --method %[2]s"),
		ErrUnknownMethod:         s("méthode inconnue %[1]q ; utilisez l'une de %[2]s"),
		ErrNoBody:                s("un %s n'a pas de corps ; retirez --input ou choisissez une autre méthode"),
		ErrWantKeyValue:          s("%[1]s %[2]q : attendu : clé=valeur"),
		ErrNoStdin:               s("--input - : pas d'entrée standard"),
		ErrInputTooBig:           s("--input : plus de %d Mio"),
		ErrTokenNeedsCredentials: s("zimun token demande des identifiants (ZIMUN_CLIENT_ID et ZIMUN_CLIENT_SECRET, ou le fichier de configuration) : un jeton du bac à sable de démonstration intégré meurt avec cette commande ; lancez « zimun sandbox » et collez sa ligne export"),
		TokenExpires:             s("le jeton expire à %[1]s (dans %[2]s)"),
		ErrNoAPICall:             s("cette commande ne fait aucun appel à l'API"),
		ErrCurlTooLong:           s("le corps de %[1]s %[2]s est trop long pour être affiché en commande curl"),
		CurlDemoNote:             s("ces commandes visent le bac à sable de démonstration intégré, qui s'arrête avec cette commande ; lancez « zimun sandbox » pour en avoir un qui reste"),
		CurlSetToken:             s("définissez d'abord ZIMUN_TOKEN : export ZIMUN_TOKEN=$(zimun token)"),
		ErrDebugAddr:             s("--debug-addr : attendu : un hôte:port local comme 127.0.0.1:6060, pas %q"),
		ErrNeedsCredentials:      s("%s demande des identifiants : définissez ZIMUN_CLIENT_ID et ZIMUN_CLIENT_SECRET (ou api.client_id et api.client_secret), ou utilisez --demo"),
		ErrDemoSandbox:           s("bac à sable de démonstration : %s"),
		ErrStoppedEarly:          s("arrêté avant d'être prêt"),
		ErrHoldTTLPositive:       s("--hold-ttl doit être positif, pas %s"),
		ErrRateLimitFlag:         s("--rate-limit doit être 0 (aucune limite) ou un nombre positif de requêtes par seconde, pas %s"),
		ErrAllAndService:         s("--all, c'est toutes les prestations ; retirez --service ou --all"),
		ErrHoldTwice:             s("donnez la retenue une seule fois : en argument ou avec --hold, pas les deux"),
		ErrStatusOneOf:           s("--status doit être l'un de %[1]s, pas %[2]q"),
		ErrToBeforeFrom:          s("--to (%[1]s) doit être après --from (%[2]s) ; inversez-les"),
		// zimun sandbox's banner.
		SandboxTitle:        s("Bac à sable Zimun"),
		SandboxOrgID:        s("identifiant de l'organisation"),
		SandboxClientID:     s("identifiant client"),
		SandboxClientSecret: s("secret client"),
		SandboxHoldsLast:    s("durée des retenues"),
		SandboxData:         s("données"),
		SandboxInMemory:     s("en mémoire (perdues à l'arrêt)"),
		SandboxRateLimit:    s("limite de débit"),
		SandboxRate:         s("%s requêtes/s par jeton"),
		SandboxFaults:       s("pannes"),
		SandboxFaultsPlan:   s("%[1]s (graine %[2]s ; comptées à %[3]s/sandbox/faults)"),
		SandboxNone:         s("aucune"),
		SandboxOutbox:       s("boîte d'envoi"),
		SandboxOutboxURL:    s("%s/sandbox/outbox (les e-mails qu'il a envoyés)"),
		SandboxPointAt:      s("Dirigez zimun (ou votre propre code) vers lui :"),
		SandboxStop:         s("Appuyez sur Ctrl-C pour l'arrêter."),
		// cobra's completion scripts.
		CmdCompletionShellShort: s("Générer le script d'autocomplétion pour %s"),
		CmdCompletionBashLong: s(`Générer le script d'autocomplétion pour le shell bash.

Ce script a besoin du paquet « bash-completion ». S'il n'est pas déjà
installé, vous pouvez l'installer avec le gestionnaire de paquets de votre
système.

Pour charger l'autocomplétion dans la session en cours :

	source <(%[1]s completion bash)

Pour la charger dans chaque nouvelle session, exécutez une fois :

#### Linux :

	%[1]s completion bash > /etc/bash_completion.d/%[1]s

#### macOS :

	%[1]s completion bash > $(brew --prefix)/etc/bash_completion.d/%[1]s

Ouvrez un nouveau shell pour que ce réglage prenne effet.
`),
		CmdCompletionZshLong: s(`Générer le script d'autocomplétion pour le shell zsh.

Si l'autocomplétion n'est pas déjà activée dans votre environnement, il faut
l'activer. Vous pouvez exécuter une fois :

	echo "autoload -U compinit; compinit" >> ~/.zshrc

Pour charger l'autocomplétion dans la session en cours :

	source <(%[1]s completion zsh)

Pour la charger dans chaque nouvelle session, exécutez une fois :

#### Linux :

	%[1]s completion zsh > "%[2]s/_%[1]s"

#### macOS :

	%[1]s completion zsh > $(brew --prefix)/share/zsh/site-functions/_%[1]s

Ouvrez un nouveau shell pour que ce réglage prenne effet.
`),
		CmdCompletionFishLong: s(`Générer le script d'autocomplétion pour le shell fish.

Pour charger l'autocomplétion dans la session en cours :

	%[1]s completion fish | source

Pour la charger dans chaque nouvelle session, exécutez une fois :

	%[1]s completion fish > ~/.config/fish/completions/%[1]s.fish

Ouvrez un nouveau shell pour que ce réglage prenne effet.
`),
		CmdCompletionPowerShellLong: s(`Générer le script d'autocomplétion pour powershell.

Pour charger l'autocomplétion dans la session en cours :

	%[1]s completion powershell | Out-String | Invoke-Expression

Pour la charger dans chaque nouvelle session, ajoutez la sortie de la commande
ci-dessus à votre profil powershell.
`),
		FlagNoDescriptions: s("ne pas décrire les choix de l'autocomplétion"),
		// availability --all's table.
		SurveyTitle:  s("Places libres par jour, du %[1]s au %[2]s (✕ fermé, · hors de la période)"),
		SurveyClosed: s("Fermetures :"),
	}
}
