<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>wp::client::AppSettings</name>
    <message>
        <source>Enter the address of your bitcoin node (for example http://127.0.0.1:8332).</source>
        <translation>Saisissez l’adresse de votre nœud bitcoin (par exemple http://127.0.0.1:8332).</translation>
    </message>
    <message>
        <source>The node address &apos;%1&apos; is not an http:// or https:// URL.</source>
        <translation>L’adresse du nœud «&#xa0;%1&#xa0;» n’est pas une URL http:// ou https://.</translation>
    </message>
    <message>
        <source>Add at least one coordinator instance.</source>
        <translation>Ajoutez au moins une instance du coordinateur.</translation>
    </message>
    <message>
        <source>At most %1 coordinator instances can be listed.</source>
        <translation>Au plus %1 instances du coordinateur peuvent être indiquées.</translation>
    </message>
    <message>
        <source>Onion addresses need a Tor SOCKS5 proxy: enter its host and port (usually 127.0.0.1:9050).</source>
        <translation>Les adresses onion nécessitent un proxy SOCKS5 Tor&#xa0;: indiquez son hôte et son port (en général 127.0.0.1:9050).</translation>
    </message>
    <message>
        <source>Enter the port of the SOCKS5 proxy.</source>
        <translation>Indiquez le port du proxy SOCKS5.</translation>
    </message>
    <message>
        <source>Coordinator list: %1</source>
        <translation>Liste des instances du coordinateur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Coins mixing at once must be between 1 and %1.</source>
        <translation>Le nombre de pièces mixées en même temps doit être compris entre 1 et %1.</translation>
    </message>
    <message>
        <source>The remix target cannot be negative.</source>
        <translation>L’objectif de remix ne peut pas être négatif.</translation>
    </message>
    <message>
        <source>Default fee rates must be between %1 and %2 sat/vB, fast at least normal, normal at least slow.</source>
        <translation>Les taux de frais par défaut doivent être compris entre %1 et %2 sat/vB&#xa0;; le taux rapide doit être au moins égal au normal, et le normal au moins égal au lent.</translation>
    </message>
</context>
<context>
    <name>wp::client::AppText</name>
    <message>
        <source>The wallet file cannot be read or written. Check the folder&apos;s permissions and free space.</source>
        <translation>Le fichier du portefeuille ne peut être ni lu ni écrit. Vérifiez les droits du dossier et l’espace libre.</translation>
    </message>
    <message>
        <source>There is no wallet file there.</source>
        <translation>Il n’y a pas de fichier de portefeuille à cet endroit.</translation>
    </message>
    <message>
        <source>A file already exists there; it was left untouched. Choose another name.</source>
        <translation>Un fichier existe déjà à cet endroit&#xa0;; il n’a pas été modifié. Choisissez un autre nom.</translation>
    </message>
    <message>
        <source>The wallet file is damaged. Restore the wallet from its recovery words.</source>
        <translation>Le fichier du portefeuille est endommagé. Restaurez le portefeuille à partir de ses mots de récupération.</translation>
    </message>
    <message>
        <source>This wallet file was written by a newer version of the app. Update the app to open it.</source>
        <translation>Ce fichier de portefeuille a été écrit par une version plus récente de l’application. Mettez l’application à jour pour l’ouvrir.</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Mot de passe incorrect.</translation>
    </message>
    <message>
        <source>The wallet file was changed by another program, so it was not overwritten. Lock and open the wallet again.</source>
        <translation>Le fichier du portefeuille a été modifié par un autre programme&#xa0;; il n’a donc pas été écrasé. Verrouillez le portefeuille puis rouvrez-le.</translation>
    </message>
    <message>
        <source>The wallet cannot be saved with these values.</source>
        <translation>Le portefeuille ne peut pas être enregistré avec ces valeurs.</translation>
    </message>
    <message>
        <source>Choose at least one confirmed deposit coin.</source>
        <translation>Choisissez au moins une pièce de dépôt confirmée.</translation>
    </message>
    <message>
        <source>One of the chosen coins cannot be used.</source>
        <translation>L’une des pièces choisies ne peut pas être utilisée.</translation>
    </message>
    <message>
        <source>A mined coin can be spent only after 100 confirmations.</source>
        <translation>Une pièce minée ne peut être dépensée qu’après 100 confirmations.</translation>
    </message>
    <message>
        <source>The fee rate is out of range.</source>
        <translation>Le taux de frais est hors des limites admises.</translation>
    </message>
    <message>
        <source>The coordinator sent pool data this wallet does not accept; nothing was spent.</source>
        <translation>Le coordinateur a envoyé des données de pool que ce portefeuille n’accepte pas&#xa0;; rien n’a été dépensé.</translation>
    </message>
    <message>
        <source>The mix fee reserved per coin would be too high; choose a lower fee.</source>
        <translation>Les frais de mix réservés par pièce seraient trop élevés&#xa0;; choisissez des frais plus bas.</translation>
    </message>
    <message>
        <source>Not enough funds for this pool.</source>
        <translation>Fonds insuffisants pour ce pool.</translation>
    </message>
    <message>
        <source>The change would be too small to spend later; add or remove a coin.</source>
        <translation>La monnaie serait trop petite pour être dépensée plus tard&#xa0;; ajoutez ou retirez une pièce.</translation>
    </message>
    <message>
        <source>The wallet could not sign the transaction.</source>
        <translation>Le portefeuille n’a pas pu signer la transaction.</translation>
    </message>
    <message>
        <source>Choose at least one coin to spend.</source>
        <translation>Choisissez au moins une pièce à dépenser.</translation>
    </message>
    <message>
        <source>One of the chosen coins cannot be spent from here.</source>
        <translation>L’une des pièces choisies ne peut pas être dépensée d’ici.</translation>
    </message>
    <message>
        <source>That is not a bitcoin address this wallet can send to.</source>
        <translation>Ce n’est pas une adresse bitcoin à laquelle ce portefeuille peut envoyer.</translation>
    </message>
    <message>
        <source>That address belongs to another bitcoin network.</source>
        <translation>Cette adresse appartient à un autre réseau bitcoin.</translation>
    </message>
    <message>
        <source>The amount is not valid.</source>
        <translation>Le montant n’est pas valide.</translation>
    </message>
    <message>
        <source>The amount is too small to be sent.</source>
        <translation>Le montant est trop petit pour être envoyé.</translation>
    </message>
    <message>
        <source>The wallet has not synced with the node yet.</source>
        <translation>Le portefeuille ne s’est pas encore synchronisé avec le nœud.</translation>
    </message>
    <message>
        <source>Not enough funds in the chosen coins.</source>
        <translation>Les pièces choisies ne suffisent pas.</translation>
    </message>
    <message>
        <source>Too many coins for one transaction; spend fewer at a time.</source>
        <translation>Trop de pièces pour une seule transaction&#xa0;; dépensez-en moins à la fois.</translation>
    </message>
    <message>
        <source>The node did not accept the transaction (a coin may already be spent, or the fee is too low). Nothing was sent.</source>
        <translation>Le nœud n’a pas accepté la transaction (une pièce est peut-être déjà dépensée, ou les frais sont trop bas). Rien n’a été envoyé.</translation>
    </message>
    <message>
        <source>The node could not be reached, so the transaction was not sent.</source>
        <translation>Le nœud n’a pas pu être joint&#xa0;; la transaction n’a donc pas été envoyée.</translation>
    </message>
    <message>
        <source>The node refused the transaction; nothing was sent.</source>
        <translation>Le nœud a refusé la transaction&#xa0;; rien n’a été envoyé.</translation>
    </message>
    <message>
        <source>Cannot sync with the bitcoin node: balances may be out of date. Check the node settings; retrying by itself.</source>
        <translation>Impossible de se synchroniser avec le nœud bitcoin&#xa0;: les soldes peuvent être périmés. Vérifiez les paramètres du nœud&#xa0;; nouvel essai automatique.</translation>
    </message>
    <message>
        <source>Connected to coordinator %1</source>
        <translation>Connecté au coordinateur %1</translation>
    </message>
    <message>
        <source>Redirected to %1, the coordinator that runs the pool</source>
        <translation>Redirigé vers %1, le coordinateur qui gère le pool</translation>
    </message>
    <message>
        <source>Refused a redirect to %1: it is not a known instance of this cluster</source>
        <translation>Redirection vers %1 refusée&#xa0;: ce n’est pas une instance connue de ce cluster</translation>
    </message>
    <message>
        <source>Coordinator %1 cannot be reached</source>
        <translation>Le coordinateur %1 est injoignable</translation>
    </message>
    <message>
        <source>Switching to coordinator %1</source>
        <translation>Passage au coordinateur %1</translation>
    </message>
    <message>
        <source>The cluster&apos;s signed instance list was updated</source>
        <translation>La liste signée des instances du cluster a été mise à jour</translation>
    </message>
    <message>
        <source>The cluster&apos;s instance list was not accepted</source>
        <translation>La liste des instances du cluster n’a pas été acceptée</translation>
    </message>
    <message>
        <source>Deposit coins enter a pool through a Tx0.</source>
        <translation>Les pièces de dépôt entrent dans un pool par un Tx0.</translation>
    </message>
    <message>
        <source>A mined coin: it can move after 100 confirmations.</source>
        <translation>Une pièce minée&#xa0;: elle peut bouger après 100 confirmations.</translation>
    </message>
    <message>
        <source>Change of a payment from mixed coins: not a mix output, so it does not remix.</source>
        <translation>Monnaie d’un paiement en pièces mixées&#xa0;: ce n’est pas une sortie de mix, elle n’est donc pas remixée.</translation>
    </message>
    <message>
        <source>Waiting for the coordinators&apos; list of pools.</source>
        <translation>En attente de la liste des pools des coordinateurs.</translation>
    </message>
    <message>
        <source>Its value fits no pool the coordinators offer now.</source>
        <translation>Sa valeur ne correspond à aucun pool proposé actuellement par les coordinateurs.</translation>
    </message>
    <message>
        <source>Change of a Tx0: it is linked to your deposit, so it never mixes. Spend it separately.</source>
        <translation>Monnaie d’un Tx0&#xa0;: elle est liée à votre dépôt, elle n’est donc jamais mixée. Dépensez-la à part.</translation>
    </message>
    <message>
        <source>Waiting for confirmations: a mix needs at least %1.</source>
        <translation>En attente de confirmations&#xa0;: un mix en demande au moins %1.</translation>
    </message>
</context>
<context>
    <name>wp::client::MixOrchestrator</name>
    <message>
        <source>%1; trying again in %2 s</source>
        <translation>%1&#xa0;; nouvel essai dans %2 s</translation>
    </message>
    <message>
        <source>Mixing stopped.</source>
        <translation>Mixage arrêté.</translation>
    </message>
    <message>
        <source>The mix round failed (another participant left or was too slow). Nobody took your coin.</source>
        <translation>Le tour de mix a échoué (un autre participant est parti ou a été trop lent). Personne n’a pris votre pièce.</translation>
    </message>
    <message>
        <source>Nothing to do: it joins the next round.</source>
        <translation>Rien à faire&#xa0;: elle rejoint le tour suivant.</translation>
    </message>
    <message>
        <source>No coordinator instance could be reached.</source>
        <translation>Aucune instance du coordinateur n’a pu être jointe.</translation>
    </message>
    <message>
        <source>Check your internet connection or Tor proxy in Settings; retrying by itself.</source>
        <translation>Vérifiez votre connexion Internet ou le proxy Tor dans les paramètres&#xa0;; nouvel essai automatique.</translation>
    </message>
    <message>
        <source>The coordinator has banned this coin for a while: %1</source>
        <translation>Le coordinateur a banni cette pièce pour un temps&#xa0;: %1</translation>
    </message>
    <message>
        <source>Coins are banned after they disappear from mixes several times (closed app, lost connection during signing). Keep the app online while mixing; retrying later.</source>
        <translation>Une pièce est bannie après avoir quitté plusieurs mix en cours (application fermée, connexion perdue pendant la signature). Gardez l’application en ligne pendant le mixage&#xa0;; nouvel essai plus tard.</translation>
    </message>
    <message>
        <source>The coordinator refused this coin: %1</source>
        <translation>Le coordinateur a refusé cette pièce&#xa0;: %1</translation>
    </message>
    <message>
        <source>If the coin is unconfirmed, wait for a confirmation; retrying by itself.</source>
        <translation>Si la pièce n’est pas confirmée, attendez une confirmation&#xa0;; nouvel essai automatique.</translation>
    </message>
    <message>
        <source>This coordinator speaks another protocol version.</source>
        <translation>Ce coordinateur utilise une autre version du protocole.</translation>
    </message>
    <message>
        <source>Update the app.</source>
        <translation>Mettez l’application à jour.</translation>
    </message>
    <message>
        <source>The coordinator showed this coin another mix key than the one it publishes: this could be an attempt to identify you. The coin was not mixed.</source>
        <translation>Le coordinateur a présenté à cette pièce une autre clé de mix que celle qu’il publie&#xa0;: cela pourrait être une tentative de vous identifier. La pièce n’a pas été mixée.</translation>
    </message>
    <message>
        <source>Mixing of this coin is paused for your safety. Start it again only if it keeps happening nowhere else, and tell the operator.</source>
        <translation>Le mixage de cette pièce est suspendu pour votre sécurité. Ne le relancez que si cela ne se reproduit nulle part ailleurs, et prévenez l’opérateur.</translation>
    </message>
    <message>
        <source>The pool&apos;s network, denomination or fees differ from what this coin was made for.</source>
        <translation>Le réseau, la dénomination ou les frais du pool ne correspondent pas à cette pièce.</translation>
    </message>
    <message>
        <source>Check the bootstrap list in Settings (wrong network or a foreign coordinator?).</source>
        <translation>Vérifiez la liste de démarrage dans les paramètres (mauvais réseau ou coordinateur étranger&#xa0;?).</translation>
    </message>
    <message>
        <source>The coordinator proposed a mix transaction that does not pay you correctly, so it was not signed. Your coin is safe.</source>
        <translation>Le coordinateur a proposé une transaction de mix qui ne vous paie pas correctement&#xa0;; elle n’a donc pas été signée. Votre pièce est en sécurité.</translation>
    </message>
    <message>
        <source>Mixing of this coin is paused; start it again to retry.</source>
        <translation>Le mixage de cette pièce est suspendu&#xa0;; relancez-le pour réessayer.</translation>
    </message>
    <message>
        <source>The wallet could not complete the mix: %1</source>
        <translation>Le portefeuille n’a pas pu terminer le mix&#xa0;: %1</translation>
    </message>
    <message>
        <source>Retrying by itself; if it persists, restart the app.</source>
        <translation>Nouvel essai automatique&#xa0;; si le problème persiste, redémarrez l’application.</translation>
    </message>
    <message>
        <source>Waiting for a free mixing slot</source>
        <translation>En attente d’une place de mix libre</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Mixed: the new coin appears after the next sync</source>
        <translation>Mixée&#xa0;: la nouvelle pièce apparaît après la prochaine synchronisation</translation>
    </message>
    <message>
        <source>%1 mixed in %2</source>
        <translation>%1 mixée dans %2</translation>
    </message>
    <message>
        <source>Needs your attention</source>
        <translation>Demande votre attention</translation>
    </message>
    <message>
        <source>%1 paused: %2</source>
        <translation>%1 suspendue&#xa0;: %2</translation>
    </message>
    <message>
        <source>Retrying in %1 s</source>
        <translation>Nouvel essai dans %1 s</translation>
    </message>
    <message>
        <source>%1 failed: %2 Retrying in %3 s.</source>
        <translation>%1 a échoué&#xa0;: %2 Nouvel essai dans %3 s.</translation>
    </message>
    <message>
        <source>connecting...</source>
        <translation>connexion…</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connecté</translation>
    </message>
    <message>
        <source>registered input</source>
        <translation>entrée enregistrée</translation>
    </message>
    <message>
        <source>waiting for a mix...</source>
        <translation>en attente d’un mix…</translation>
    </message>
    <message>
        <source>joined a mix!</source>
        <translation>mix rejoint&#xa0;!</translation>
    </message>
    <message>
        <source>registering output</source>
        <translation>enregistrement de la sortie</translation>
    </message>
    <message>
        <source>registered output</source>
        <translation>sortie enregistrée</translation>
    </message>
    <message>
        <source>round aborted</source>
        <translation>tour interrompu</translation>
    </message>
    <message>
        <source>signing</source>
        <translation>signature</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>signé</translation>
    </message>
    <message>
        <source>mix success</source>
        <translation>mix réussi</translation>
    </message>
    <message>
        <source>mix failed</source>
        <translation>mix échoué</translation>
    </message>
</context>
<context>
    <name>wp::client::WalletController</name>
    <message>
        <source>No wallet is open.</source>
        <translation>Aucun portefeuille n’est ouvert.</translation>
    </message>
    <message>
        <source>Lock the open wallet first.</source>
        <translation>Verrouillez d’abord le portefeuille ouvert.</translation>
    </message>
    <message>
        <source>Choose where to save the wallet file.</source>
        <translation>Choisissez où enregistrer le fichier du portefeuille.</translation>
    </message>
    <message>
        <source>The recovery words are not valid: %1</source>
        <translation>Les mots de récupération ne sont pas valides&#xa0;: %1</translation>
    </message>
    <message>
        <source>Choose a password to protect the wallet file.</source>
        <translation>Choisissez un mot de passe pour protéger le fichier du portefeuille.</translation>
    </message>
    <message>
        <source>A file already exists at %1; choose another name.</source>
        <translation>Un fichier existe déjà à l’emplacement %1&#xa0;; choisissez un autre nom.</translation>
    </message>
    <message>
        <source>The new wallet needs the node&apos;s current height as its starting point: %1</source>
        <translation>Le nouveau portefeuille a besoin de la hauteur de bloc actuelle du nœud comme point de départ&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot read the current block height from the node, which the new wallet needs as its starting point. Check the node settings. (%1)</source>
        <translation>Impossible de lire la hauteur de bloc actuelle auprès du nœud, dont le nouveau portefeuille a besoin comme point de départ. Vérifiez les paramètres du nœud. (%1)</translation>
    </message>
    <message>
        <source>The wallet&apos;s keys cannot be derived: %1</source>
        <translation>Les clés du portefeuille ne peuvent pas être dérivées&#xa0;: %1</translation>
    </message>
    <message>
        <source>Wallet opened (%1); scanning the chain from block %2</source>
        <translation>Portefeuille ouvert (%1)&#xa0;; parcours de la chaîne depuis le bloc %2</translation>
    </message>
    <message>
        <source>The settings saved in the wallet could not be read; the current ones are used.</source>
        <translation>Les paramètres enregistrés dans le portefeuille n’ont pas pu être lus&#xa0;; les paramètres actuels sont utilisés.</translation>
    </message>
    <message>
        <source>The wallet was locked before this finished. If a transaction was being sent, check the wallet&apos;s coins after opening it again.</source>
        <translation>Le portefeuille a été verrouillé avant la fin de l’opération. Si une transaction était en cours d’envoi, vérifiez les pièces du portefeuille après l’avoir rouvert.</translation>
    </message>
    <message>
        <source>Open a wallet first.</source>
        <translation>Ouvrez d’abord un portefeuille.</translation>
    </message>
    <message>
        <source>A password change is already running.</source>
        <translation>Un changement de mot de passe est déjà en cours.</translation>
    </message>
    <message>
        <source>The new password must not be empty.</source>
        <translation>Le nouveau mot de passe ne doit pas être vide.</translation>
    </message>
    <message>
        <source>The wallet password was changed.</source>
        <translation>Le mot de passe du portefeuille a été modifié.</translation>
    </message>
    <message>
        <source>Wait until the wallet is open.</source>
        <translation>Attendez que le portefeuille soit ouvert.</translation>
    </message>
    <message>
        <source>Wait until the transaction being sent is done.</source>
        <translation>Attendez la fin de l’envoi de la transaction en cours.</translation>
    </message>
    <message>
        <source>Settings changed.</source>
        <translation>Paramètres modifiés.</translation>
    </message>
    <message>
        <source>In step with the bitcoin node again (block %1).</source>
        <translation>De nouveau synchronisé avec le nœud bitcoin (bloc %1).</translation>
    </message>
    <message>
        <source>Mixing is not possible: %1</source>
        <translation>Le mixage est impossible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cancelled: the coordinator settings changed.</source>
        <translation>Annulé&#xa0;: les paramètres du coordinateur ont changé.</translation>
    </message>
    <message>
        <source>No coordinator instance answered; trying again in %1 s. (%2)</source>
        <translation>Aucune instance du coordinateur n’a répondu&#xa0;; nouvel essai dans %1 s. (%2)</translation>
    </message>
    <message>
        <source>Pool %1 is now run by %2.</source>
        <translation>Le pool %1 est désormais géré par %2.</translation>
    </message>
    <message>
        <source>Pool %1 has no coordinator right now; another instance takes it over within seconds.</source>
        <translation>Le pool %1 n’a pas de coordinateur en ce moment&#xa0;; une autre instance le reprend en quelques secondes.</translation>
    </message>
    <message>
        <source>The coordinators answer again.</source>
        <translation>Les coordinateurs répondent de nouveau.</translation>
    </message>
    <message>
        <source>No coordinator is configured.</source>
        <translation>Aucun coordinateur n’est configuré.</translation>
    </message>
    <message>
        <source>The coordinators did not send the pool&apos;s fee data: %1</source>
        <translation>Les coordinateurs n’ont pas envoyé les données de frais du pool&#xa0;: %1</translation>
    </message>
    <message>
        <source>Coordinator %1 has no fee data for pool %2.</source>
        <translation>Le coordinateur %1 n’a pas de données de frais pour le pool %2.</translation>
    </message>
    <message>
        <source>Pool %1 is not offered by the coordinators.</source>
        <translation>Le pool %1 n’est pas proposé par les coordinateurs.</translation>
    </message>
    <message>
        <source>There is no confirmed deposit coin to send to a pool.</source>
        <translation>Il n’y a aucune pièce de dépôt confirmée à envoyer dans un pool.</translation>
    </message>
    <message>
        <source>Coin %1 is not in the wallet (already spent?).</source>
        <translation>La pièce %1 n’est pas dans le portefeuille (déjà dépensée&#xa0;?).</translation>
    </message>
    <message>
        <source>Coin %1 is not a deposit coin: only deposit coins go into a Tx0.</source>
        <translation>La pièce %1 n’est pas une pièce de dépôt&#xa0;: seules les pièces de dépôt entrent dans un Tx0.</translation>
    </message>
    <message>
        <source>Coin %1 is not confirmed yet.</source>
        <translation>La pièce %1 n’est pas encore confirmée.</translation>
    </message>
    <message>
        <source>A Tx0 is being sent already; wait until it is done.</source>
        <translation>Un Tx0 est déjà en cours d’envoi&#xa0;; attendez qu’il soit terminé.</translation>
    </message>
    <message>
        <source>Tx0 not sent: %1</source>
        <translation>Tx0 non envoyé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Mixing switched on.</source>
        <translation>Mixage activé.</translation>
    </message>
    <message>
        <source>Mixing switched off.</source>
        <translation>Mixage désactivé.</translation>
    </message>
    <message>
        <source>The wallet has not synced with the node yet.</source>
        <translation>Le portefeuille ne s’est pas encore synchronisé avec le nœud.</translation>
    </message>
    <message>
        <source>Coin %1 was just mixed (it is spent); its new coin appears after the next sync.</source>
        <translation>La pièce %1 vient d’être mixée (elle est dépensée)&#xa0;; sa nouvelle pièce apparaît après la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>Coin %1 is in the middle of a mix (%2); wait a moment or try again after it.</source>
        <translation>La pièce %1 est en plein mix (%2)&#xa0;; patientez un instant ou réessayez après.</translation>
    </message>
    <message>
        <source>There is no confirmed postmix coin to spend.</source>
        <translation>Il n’y a aucune pièce postmix confirmée à dépenser.</translation>
    </message>
    <message>
        <source>Coin %1 is not a mixed (postmix) coin.</source>
        <translation>La pièce %1 n’est pas une pièce mixée (postmix).</translation>
    </message>
    <message>
        <source>A payment is being sent already; wait until it is done.</source>
        <translation>Un paiement est déjà en cours d’envoi&#xa0;; attendez qu’il soit terminé.</translation>
    </message>
    <message>
        <source>Payment not sent: %1</source>
        <translation>Paiement non envoyé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Payment %1 sent: %2 sat to %3 (fee %4 sat).</source>
        <translation>Paiement %1 envoyé&#xa0;: %2 sat à %3 (frais %4 sat).</translation>
    </message>
    <message>
        <source>Settings and mix history could not be saved: %1</source>
        <translation>Les paramètres et l’historique des mix n’ont pas pu être enregistrés&#xa0;: %1</translation>
    </message>
    <message>
        <source>The node was not asked yet.</source>
        <translation>Le nœud n’a pas encore été interrogé.</translation>
    </message>
    <message>
        <source>The pools are not loaded yet.</source>
        <translation>Les pools ne sont pas encore chargés.</translation>
    </message>
    <message>
        <source>The pools are not loaded yet: %1</source>
        <translation>Les pools ne sont pas encore chargés&#xa0;: %1</translation>
    </message>
    <message>
        <source>The chain reorganized above block %1 (replaced blocks: %2); balances follow the new chain.</source>
        <translation>La chaîne s’est réorganisée au-dessus du bloc %1 (blocs remplacés&#xa0;: %2)&#xa0;; les soldes suivent la nouvelle chaîne.</translation>
    </message>
    <message>
        <source>Tx0 %1 sent to pool %4 (premix coins: %2 × %3 sat; coordinator fee %5 sat, miner fee %6 sat).</source>
        <translation>Tx0 %1 envoyé au pool %4 (pièces premix&#xa0;: %2 × %3 sat&#xa0;; frais du coordinateur %5 sat, frais de minage %6 sat).</translation>
    </message>
    <message>
        <source>This wallet signed a mix of coin %1 just before its mixing stopped, and the coordinator may still broadcast that mix. Try again in %2 s.</source>
        <translation>Ce portefeuille a signé un mix de la pièce %1 juste avant l’arrêt de son mixage, et le coordinateur peut encore diffuser ce mix. Réessayez dans %2 s.</translation>
    </message>
</context>
<context>
    <name>wp::gui::AccountsWidget</name>
    <message>
        <source>Deposit</source>
        <translation>Dépôt</translation>
    </message>
    <message>
        <source>Premix (waiting for a first mix)</source>
        <translation>Premix (en attente d’un premier mix)</translation>
    </message>
    <message>
        <source>Postmix (mixed)</source>
        <translation>Postmix (mixées)</translation>
    </message>
    <message>
        <source>Bad bank (Tx0 change)</source>
        <translation>Bad bank (monnaie des Tx0)</translation>
    </message>
    <message>
        <source>Receive here the coins you want to mix. A Tx0 splits them into premix coins of the pool&apos;s size.</source>
        <translation>Recevez ici les pièces à mixer. Un Tx0 les découpe en pièces premix à la taille du pool.</translation>
    </message>
    <message>
        <source>Coins made by a Tx0, each waiting for its first mix.</source>
        <translation>Pièces créées par un Tx0, chacune en attente de son premier mix.</translation>
    </message>
    <message>
        <source>Mixed coins. They keep remixing for free while the app runs; spend them from here.</source>
        <translation>Pièces mixées. Elles continuent d’être remixées gratuitement tant que l’application tourne&#xa0;; dépensez-les d’ici.</translation>
    </message>
    <message>
        <source>The change of your Tx0s. It is linked to your deposit: do not mix it with postmix coins.</source>
        <translation>La monnaie de vos Tx0. Elle est liée à votre dépôt&#xa0;: ne la mélangez pas avec les pièces postmix.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>&amp;Balances</source>
        <translation>&amp;Soldes</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmé</translation>
    </message>
    <message>
        <source>Unconfirmed</source>
        <translation>Non confirmé</translation>
    </message>
    <message>
        <source>Coins</source>
        <translation>Pièces</translation>
    </message>
    <message>
        <source>Balances per account</source>
        <translation>Soldes par compte</translation>
    </message>
</context>
<context>
    <name>wp::gui::CoinTableModel</name>
    <message>
        <source>Not mixing</source>
        <translation>Pas de mixage</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En file d’attente</translation>
    </message>
    <message>
        <source>Mixing</source>
        <translation>Mixage</translation>
    </message>
    <message>
        <source>Retrying soon</source>
        <translation>Nouvel essai bientôt</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Mixée</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Attention requise</translation>
    </message>
    <message>
        <source>%1 (for %2)</source>
        <translation>%1 (depuis %2)</translation>
    </message>
    <message>
        <source>Retrying in %1</source>
        <translation>Nouvel essai dans %1</translation>
    </message>
    <message>
        <source>Remix target reached</source>
        <translation>Objectif de remix atteint</translation>
    </message>
    <message>
        <source>Connecting to the coordinator instance that runs this pool.</source>
        <translation>Connexion à l’instance du coordinateur qui gère ce pool.</translation>
    </message>
    <message>
        <source>Your coin waits in the pool for a mix with enough participants. Waiting minutes or even hours is normal: nothing is wrong and nothing is spent. You can stop at any time without penalty.</source>
        <translation>Votre pièce attend dans le pool un mix avec assez de participants. Attendre des minutes, voire des heures, est normal&#xa0;: rien ne va mal et rien n’est dépensé. Vous pouvez arrêter à tout moment sans pénalité.</translation>
    </message>
    <message>
        <source>Your coin was picked for a mix that is about to start.</source>
        <translation>Votre pièce a été choisie pour un mix qui va commencer.</translation>
    </message>
    <message>
        <source>The mix is running. Keep the app open and online until it ends (about a minute): leaving now gets the coin blamed, and repeated blames lead to a temporary ban.</source>
        <translation>Le mix est en cours. Gardez l’application ouverte et en ligne jusqu’à la fin (environ une minute)&#xa0;: partir maintenant fait accuser la pièce, et des accusations répétées mènent à un bannissement temporaire.</translation>
    </message>
    <message>
        <source>In this step for %1.</source>
        <translation>À cette étape depuis %1.</translation>
    </message>
    <message>
        <source>Coordinator instance: %1</source>
        <translation>Instance du coordinateur&#xa0;: %1</translation>
    </message>
    <message>
        <source>This coin starts when a mixing slot is free. Coins mixing at once: at most %1 (Settings).</source>
        <translation>Cette pièce démarre dès qu’une place de mix se libère. Pièces mixées en même temps&#xa0;: au plus %1 (Paramètres).</translation>
    </message>
    <message>
        <source>Next attempt at %1.</source>
        <translation>Prochain essai à %1.</translation>
    </message>
    <message>
        <source>This coin is not retried by itself: start it again once you have read this.</source>
        <translation>Cette pièce n’est pas relancée automatiquement&#xa0;: relancez-la après avoir lu ceci.</translation>
    </message>
    <message>
        <source>Mixed in transaction %1.</source>
        <translation>Mixée dans la transaction %1.</translation>
    </message>
    <message>
        <source>This coin reached the remix target set in Settings (mixes: %1).</source>
        <translation>Cette pièce a atteint l’objectif de remix fixé dans les paramètres (mix&#xa0;: %1).</translation>
    </message>
    <message>
        <source>Not mixing. Start it from the coin&apos;s context menu or with &quot;Start all&quot;.</source>
        <translation>Pas de mixage. Lancez-la depuis le menu contextuel de la pièce ou avec «&#xa0;Tout démarrer&#xa0;».</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>Mixed coin (remixing is free)</source>
        <translation>Pièce mixée (le remix est gratuit)</translation>
    </message>
    <message>
        <source>Premix coin from a Tx0, waiting for its first mix</source>
        <translation>Pièce premix issue d’un Tx0, en attente de son premier mix</translation>
    </message>
    <message>
        <source>The coordinator instance running this coin&apos;s mix. When an instance fails, its pools move to another one and the coin follows.</source>
        <translation>L’instance du coordinateur qui gère le mix de cette pièce. Si une instance tombe, ses pools passent à une autre et la pièce suit.</translation>
    </message>
    <message>
        <source>Banned for a while</source>
        <translation>Bannie pour un temps</translation>
    </message>
    <message>
        <source>Where the current mix stands; hover a coin for what it means</source>
        <translation>Où en est le mix en cours&#xa0;; survolez une pièce pour savoir ce que cela signifie</translation>
    </message>
    <message>
        <source>Mixes this coin went through (remixes included)</source>
        <translation>Mix effectués par cette pièce (remix compris)</translation>
    </message>
    <message>
        <source>Why the last attempt failed; hover for what to do</source>
        <translation>Pourquoi le dernier essai a échoué&#xa0;; survolez pour savoir quoi faire</translation>
    </message>
    <message>
        <source>Coin</source>
        <translation>Pièce</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Mixes</source>
        <translation>Mix</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instance</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
</context>
<context>
    <name>wp::gui::DesktopApp</name>
    <message>
        <source>The settings given on the command line were not applied: %1</source>
        <translation>Les paramètres donnés en ligne de commande n’ont pas été appliqués&#xa0;: %1</translation>
    </message>
    <message>
        <source>Mixing is switched off. Switch it on (Mixing → Start all) to mix single coins.</source>
        <translation>Le mixage est désactivé. Activez-le (Mixage → Tout démarrer) pour mixer des pièces une à une.</translation>
    </message>
    <message>
        <source>Coin %1 cannot be mixed now.</source>
        <translation>La pièce %1 ne peut pas être mixée maintenant.</translation>
    </message>
    <message>
        <source>Lock the open wallet first (Wallet → Lock).</source>
        <translation>Verrouillez d’abord le portefeuille ouvert (Portefeuille → Verrouiller).</translation>
    </message>
    <message>
        <source>Open wallet</source>
        <translation>Ouvrir un portefeuille</translation>
    </message>
    <message>
        <source>Wallet files (*.wallet);;All files (*)</source>
        <translation>Fichiers de portefeuille (*.wallet);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The pools are not known yet: the wallet has not reached the coordinators. See the Events tab.</source>
        <translation>Les pools ne sont pas encore connus&#xa0;: le portefeuille n’a pas encore joint les coordinateurs. Voir l’onglet Événements.</translation>
    </message>
    <message>
        <source>Tx0 %1 was broadcast. Premix coins: %2; they start mixing once it has a confirmation.</source>
        <translation>Le Tx0 %1 a été diffusé. Pièces premix&#xa0;: %2&#xa0;; elles commencent à se mixer dès qu’il a une confirmation.</translation>
    </message>
    <message>
        <source>Payment %1 was broadcast.</source>
        <translation>Le paiement %1 a été diffusé.</translation>
    </message>
    <message>
        <source>Coins in the middle of a mix: %1. Quitting now makes those mixes fail for everyone in them, and the coordinator blames your coins (repeated blames lead to a ban). The mixes take a minute or two at most.</source>
        <translation>Pièces au milieu d’un mix&#xa0;: %1. Quitter maintenant fait échouer ces mix pour tous leurs participants, et le coordinateur accuse vos pièces (des accusations répétées mènent à un bannissement). Les mix durent une à deux minutes au plus.</translation>
    </message>
    <message>
        <source>Keep mixing</source>
        <translation>Continuer le mixage</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Quitter quand même</translation>
    </message>
</context>
<context>
    <name>wp::gui::EventLogWidget</name>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Redirected</source>
        <translation>Redirigé</translation>
    </message>
    <message>
        <source>Redirect refused</source>
        <translation>Redirection refusée</translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation>Échec de connexion</translation>
    </message>
    <message>
        <source>Failover</source>
        <translation>Basculement</translation>
    </message>
    <message>
        <source>Cluster list updated</source>
        <translation>Liste du cluster mise à jour</translation>
    </message>
    <message>
        <source>Cluster list refused</source>
        <translation>Liste du cluster refusée</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Not connected to a coordinator instance.</source>
        <translation>Connecté à aucune instance du coordinateur.</translation>
    </message>
    <message>
        <source>Connected instance: %1</source>
        <translation>Instance connectée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Connected instance: %1 (%2)</source>
        <translation>Instance connectée&#xa0;: %1 (%2)</translation>
    </message>
    <message>
        <source>Show only failed connections, refused redirects and other problems</source>
        <translation>N’afficher que les connexions échouées, les redirections refusées et les autres problèmes</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instance</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Journal des événements</translation>
    </message>
    <message>
        <source>Only p&amp;roblems</source>
        <translation>Problèmes &amp;seulement</translation>
    </message>
</context>
<context>
    <name>wp::gui::FeeChooser</name>
    <message>
        <source>%1: %2 sat/vB (about %3 blocks)</source>
        <translation>%1&#xa0;: %2 sat/vB (environ %3 blocs)</translation>
    </message>
    <message>
        <source>%1: %2 sat/vB (default)</source>
        <translation>%1&#xa0;: %2 sat/vB (par défaut)</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Rapide</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Slow</source>
        <translation>Lent</translation>
    </message>
    <message>
        <source>Custom rate</source>
        <translation>Taux personnalisé</translation>
    </message>
    <message>
        <source> sat/vB</source>
        <translation> sat/vB</translation>
    </message>
    <message>
        <source>Custom fee rate</source>
        <translation>Taux de frais personnalisé</translation>
    </message>
    <message>
        <source>The node gave no estimate for some presets; defaults are used.</source>
        <translation>Le nœud n’a donné aucune estimation pour certains préréglages&#xa0;; les valeurs par défaut sont utilisées.</translation>
    </message>
</context>
<context>
    <name>wp::gui::Format</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 j %2 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 j</translation>
    </message>
</context>
<context>
    <name>wp::gui::GuiText</name>
    <message>
        <source>Node unreachable: %1</source>
        <translation>Nœud injoignable&#xa0;: %1</translation>
    </message>
    <message>
        <source>Node: connecting…</source>
        <translation>Nœud&#xa0;: connexion…</translation>
    </message>
    <message>
        <source>Node: not checked yet</source>
        <translation>Nœud&#xa0;: pas encore vérifié</translation>
    </message>
    <message>
        <source>Node: block %1, wallet scanned to %2</source>
        <translation>Nœud&#xa0;: bloc %1, portefeuille parcouru jusqu’à %2</translation>
    </message>
    <message>
        <source>Node: block %1</source>
        <translation>Nœud&#xa0;: bloc %1</translation>
    </message>
</context>
<context>
    <name>wp::gui::MainWindow</name>
    <message>
        <source>Mixing: %1, waiting: %2</source>
        <translation>En mixage&#xa0;: %1, en attente&#xa0;: %2</translation>
    </message>
    <message>
        <source>, need attention: %1</source>
        <translation>, attention requise&#xa0;: %1</translation>
    </message>
    <message>
        <source>Whirlpool</source>
        <translation>Whirlpool</translation>
    </message>
    <message>
        <source>%1 - Whirlpool</source>
        <translation>%1 – Whirlpool</translation>
    </message>
    <message>
        <source>&amp;Coins</source>
        <translation>&amp;Pièces</translation>
    </message>
    <message>
        <source>&amp;Pools</source>
        <translation>P&amp;ools</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>&amp;Événements</translation>
    </message>
    <message>
        <source>Coins and their mixing status</source>
        <translation>Pièces et leur état de mixage</translation>
    </message>
    <message>
        <source>&amp;Wallet</source>
        <translation>Porte&amp;feuille</translation>
    </message>
    <message>
        <source>&amp;New wallet...</source>
        <translation>&amp;Nouveau portefeuille…</translation>
    </message>
    <message>
        <source>&amp;Restore wallet...</source>
        <translation>&amp;Restaurer un portefeuille…</translation>
    </message>
    <message>
        <source>&amp;Open wallet...</source>
        <translation>&amp;Ouvrir un portefeuille…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Verrouiller</translation>
    </message>
    <message>
        <source>&amp;Send...</source>
        <translation>&amp;Envoyer…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Mixing</source>
        <translation>&amp;Mixage</translation>
    </message>
    <message>
        <source>&amp;Tx0: make premix coins...</source>
        <translation>&amp;Tx0&#xa0;: créer des pièces premix…</translation>
    </message>
    <message>
        <source>Start &amp;all</source>
        <translation>Tout &amp;démarrer</translation>
    </message>
    <message>
        <source>Sto&amp;p all</source>
        <translation>Tout a&amp;rrêter</translation>
    </message>
    <message>
        <source>Start mixing this &amp;coin</source>
        <translation>Mixer cette &amp;pièce</translation>
    </message>
    <message>
        <source>Stop mixing this c&amp;oin</source>
        <translation>Arrêter le mixage de cette pi&amp;èce</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>Pa&amp;ramètres</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Not connected to a coordinator instance</source>
        <translation>Connecté à aucune instance du coordinateur</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Connecté à %1</translation>
    </message>
    <message>
        <source>Node: not checked yet</source>
        <translation>Nœud&#xa0;: pas encore vérifié</translation>
    </message>
    <message>
        <source>Rec&amp;eive...</source>
        <translation>Re&amp;cevoir…</translation>
    </message>
    <message>
        <source>No wallet is open. Wallet → New wallet creates one; Wallet → Restore wallet brings one back from its recovery words; Wallet → Open wallet opens a wallet file.</source>
        <translation>Aucun portefeuille n’est ouvert. Portefeuille → Nouveau portefeuille en crée un&#xa0;; Portefeuille → Restaurer un portefeuille en récupère un à partir de ses mots de récupération&#xa0;; Portefeuille → Ouvrir un portefeuille ouvre un fichier de portefeuille.</translation>
    </message>
    <message>
        <source>No coin to mix yet. Wallet → Receive gives the address to send bitcoin to. Once the deposit has a confirmation, Mixing → Tx0 makes premix coins of it: they show up here and mix by themselves.</source>
        <translation>Aucune pièce à mixer pour l’instant. Portefeuille → Recevoir donne l’adresse à laquelle envoyer des bitcoins. Dès que le dépôt a une confirmation, Mixage → Tx0 en fait des pièces premix&#xa0;: elles apparaissent ici et se mixent toutes seules.</translation>
    </message>
</context>
<context>
    <name>wp::gui::MixChart</name>
    <message>
        <source>Mixes per day</source>
        <translation>Mix par jour</translation>
    </message>
    <message>
        <source>Total mixes over time</source>
        <translation>Total des mix au fil du temps</translation>
    </message>
    <message>
        <source>Mixes in the last %1 days: %2. Mixes in total: %3.</source>
        <translation>Mix sur les %1 derniers jours&#xa0;: %2. Mix au total&#xa0;: %3.</translation>
    </message>
    <message>
        <source>No mixes yet</source>
        <translation>Aucun mix pour l’instant</translation>
    </message>
</context>
<context>
    <name>wp::gui::MixHistoryWidget</name>
    <message>
        <source>Remix (mix %1)</source>
        <translation>Remix (mix %1)</translation>
    </message>
    <message>
        <source>First mix</source>
        <translation>Premier mix</translation>
    </message>
    <message>
        <source>Mixes: %1 in total, %2 today, %3 in the last 7 days; remixes: %4.</source>
        <translation>Mix&#xa0;: %1 au total, %2 aujourd’hui, %3 sur les 7 derniers jours&#xa0;; remix&#xa0;: %4.</translation>
    </message>
    <message>
        <source>Mixes per day</source>
        <translation>Mix par jour</translation>
    </message>
    <message>
        <source>Total mixes over time</source>
        <translation>Total des mix au fil du temps</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instance</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <source>Mix history</source>
        <translation>Historique des mix</translation>
    </message>
    <message>
        <source>&amp;Copy transaction id</source>
        <translation>&amp;Copier l’identifiant de transaction</translation>
    </message>
    <message>
        <source>Char&amp;t:</source>
        <translation>&amp;Graphique&#xa0;:</translation>
    </message>
</context>
<context>
    <name>wp::gui::NewWalletDialog</name>
    <message>
        <source>Write the words down first, then tick the box.</source>
        <translation>Notez d’abord les mots, puis cochez la case.</translation>
    </message>
    <message>
        <source>Word #%1 is not the word shown on the previous page. Go back and check what you wrote down.</source>
        <translation>Le mot nº %1 n’est pas celui affiché à la page précédente. Revenez en arrière et vérifiez ce que vous avez noté.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes sont différentes.</translation>
    </message>
    <message>
        <source>New wallet</source>
        <translation>Nouveau portefeuille</translation>
    </message>
    <message>
        <source>Step 1 of 3: your recovery words</source>
        <translation>Étape 1 sur 3&#xa0;: vos mots de récupération</translation>
    </message>
    <message>
        <source>Step 2 of 3: check the words</source>
        <translation>Étape 2 sur 3&#xa0;: vérifier les mots</translation>
    </message>
    <message>
        <source>Step 3 of 3: protect the wallet file</source>
        <translation>Étape 3 sur 3&#xa0;: protéger le fichier du portefeuille</translation>
    </message>
    <message>
        <source>These 12 words are your wallet. Write them on paper, in this order.</source>
        <translation>Ces 12 mots sont votre portefeuille. Écrivez-les sur papier, dans cet ordre.</translation>
    </message>
    <message>
        <source>Keep them offline and private: anyone who sees them can take your coins. Without them, a lost or damaged wallet file cannot be recovered. Never type them into a website.</source>
        <translation>Gardez-les hors ligne et secrets&#xa0;: quiconque les voit peut prendre vos pièces. Sans eux, un fichier de portefeuille perdu ou endommagé ne peut pas être récupéré. Ne les saisissez jamais sur un site web.</translation>
    </message>
    <message>
        <source>I have &amp;written down the 12 words</source>
        <translation>J’ai &amp;noté les 12 mots</translation>
    </message>
    <message>
        <source>Type these words from your paper copy, to be sure it is complete and readable.</source>
        <translation>Saisissez ces mots depuis votre copie papier, pour vous assurer qu’elle est complète et lisible.</translation>
    </message>
    <message>
        <source>Word #%1:</source>
        <translation>Mot nº %1&#xa0;:</translation>
    </message>
    <message>
        <source>The passphrase becomes part of the seed: the 12 words alone will NOT restore this wallet. Write it down too; it cannot be changed or recovered.</source>
        <translation>La phrase secrète fait partie de la graine&#xa0;: les 12 mots seuls ne restaureront PAS ce portefeuille. Notez-la aussi&#xa0;; elle ne peut être ni changée ni récupérée.</translation>
    </message>
    <message>
        <source>Pa&amp;ssphrase:</source>
        <translation>Phrase secrè&amp;te&#xa0;:</translation>
    </message>
    <message>
        <source>Repeat p&amp;assphrase:</source>
        <translation>Répéter la p&amp;hrase secrète&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Retour</translation>
    </message>
    <message>
        <source>&amp;Create wallet</source>
        <translation>&amp;Créer le portefeuille</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Suivant</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Type the passphrase twice, or untick the passphrase option.</source>
        <translation>Saisissez la phrase secrète deux fois, ou décochez l’option de phrase secrète.</translation>
    </message>
    <message>
        <source>Add a BIP39 passp&amp;hrase (advanced)</source>
        <translation>&amp;Ajouter une phrase secrète BIP39 (avancé)</translation>
    </message>
</context>
<context>
    <name>wp::gui::PasswordFields</name>
    <message>
        <source>Choose a password to encrypt the wallet file.</source>
        <translation>Choisissez un mot de passe pour chiffrer le fichier du portefeuille.</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>Le mot de passe doit compter au moins %1 caractères.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe sont différents.</translation>
    </message>
    <message>
        <source>Too short</source>
        <translation>Trop court</translation>
    </message>
    <message>
        <source>Weak: easy to guess for someone who gets the wallet file</source>
        <translation>Faible&#xa0;: facile à deviner pour qui obtient le fichier du portefeuille</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Fort</translation>
    </message>
    <message>
        <source>It encrypts the wallet file on this computer. A long sentence is easy to remember and hard to guess.</source>
        <translation>Il chiffre le fichier du portefeuille sur cet ordinateur. Une longue phrase est facile à retenir et difficile à deviner.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>Ré&amp;péter le mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation>Robustesse du mot de passe</translation>
    </message>
</context>
<context>
    <name>wp::gui::PoolsModel</name>
    <message>
        <source>Waiting for participants</source>
        <translation>En attente de participants</translation>
    </message>
    <message>
        <source>Registering outputs</source>
        <translation>Enregistrement des sorties</translation>
    </message>
    <message>
        <source>Round failed, checking who left</source>
        <translation>Tour échoué, recherche de qui est parti</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Mix succeeded</source>
        <translation>Mix réussi</translation>
    </message>
    <message>
        <source>Mix failed</source>
        <translation>Mix échoué</translation>
    </message>
    <message>
        <source>Paid once to the coordinator in the Tx0; remixes are free.</source>
        <translation>Payés une seule fois au coordinateur dans le Tx0&#xa0;; les remix sont gratuits.</translation>
    </message>
    <message>
        <source>Each mix has %1 inputs and %1 outputs of %2 (at least %3 of them new coins).</source>
        <translation>Chaque mix compte %1 entrées et %1 sorties de %2 (dont au moins %3 pièces nouvelles).</translation>
    </message>
    <message>
        <source>Coins registered and waiting in this pool: %1. Confirmed in the current mix: %2.</source>
        <translation>Pièces inscrites et en attente dans ce pool&#xa0;: %1. Confirmées dans le mix en cours&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Current mix: %1 (%2), running for %3.</source>
        <translation>Mix en cours&#xa0;: %1 (%2), depuis %3.</translation>
    </message>
    <message>
        <source>The instance of the cluster that mixes this pool. If it fails, another instance takes the pool over and clients follow.</source>
        <translation>L’instance du cluster qui mixe ce pool. Si elle tombe, une autre instance reprend le pool et les clients suivent.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>Denomination</source>
        <translation>Dénomination</translation>
    </message>
    <message>
        <source>Pool fee</source>
        <translation>Frais du pool</translation>
    </message>
    <message>
        <source>Anonymity set</source>
        <translation>Ensemble d’anonymat</translation>
    </message>
    <message>
        <source>Waiting coins</source>
        <translation>Pièces en attente</translation>
    </message>
    <message>
        <source>Mix status</source>
        <translation>État du mix</translation>
    </message>
    <message>
        <source>Owner instance</source>
        <translation>Instance propriétaire</translation>
    </message>
</context>
<context>
    <name>wp::gui::PoolsWidget</name>
    <message>
        <source>Could not fetch the pools: %1.</source>
        <translation>Impossible d’obtenir les pools&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Showing the pools of %1.</source>
        <translation>Pools affichés&#xa0;: ceux du %1.</translation>
    </message>
    <message>
        <source>Pools: %1, updated %2.</source>
        <translation>Pools&#xa0;: %1, mis à jour le %2.</translation>
    </message>
    <message>
        <source>Pools: %1, from instance %2 at %3.</source>
        <translation>Pools&#xa0;: %1, de l’instance %2 le %3.</translation>
    </message>
    <message>
        <source>No pools yet: the app asks the cluster once it is configured in Settings.</source>
        <translation>Pas encore de pools&#xa0;: l’application interroge le cluster dès qu’il est configuré dans les paramètres.</translation>
    </message>
    <message>
        <source>Pools</source>
        <translation>Pools</translation>
    </message>
</context>
<context>
    <name>wp::gui::ReceiveDialog</name>
    <message>
        <source>Receive</source>
        <translation>Recevoir</translation>
    </message>
    <message>
        <source>Send only bitcoin (mainnet) to this &amp;address:</source>
        <translation>N’envoyez que des bitcoins (mainnet) à cette &amp;adresse&#xa0;:</translation>
    </message>
    <message>
        <source>Send only testnet bitcoin to this &amp;address:</source>
        <translation>N’envoyez que des bitcoins testnet à cette &amp;adresse&#xa0;:</translation>
    </message>
    <message>
        <source>Send only regtest bitcoin to this &amp;address:</source>
        <translation>N’envoyez que des bitcoins regtest à cette &amp;adresse&#xa0;:</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Copiée dans le presse-papiers.</translation>
    </message>
    <message>
        <source>The coins show up in the Deposit account. Once they have a confirmation, a Tx0 (Mixing → Tx0) turns them into premix coins, which mix by themselves. Each payer should get a new address.</source>
        <translation>Les pièces apparaissent dans le compte Dépôt. Dès qu’elles ont une confirmation, un Tx0 (Mixage → Tx0) en fait des pièces premix, qui se mixent toutes seules. Chaque payeur devrait recevoir une nouvelle adresse.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;New address</source>
        <translation>&amp;Nouvelle adresse</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>wp::gui::RestoreWalletDialog</name>
    <message>
        <source>Type the 12 to 24 recovery words, separated by spaces.</source>
        <translation>Saisissez les 12 à 24 mots de récupération, séparés par des espaces.</translation>
    </message>
    <message>
        <source>Word %1 (&quot;%2&quot;) is not a BIP39 English word: check its spelling.</source>
        <translation>Le mot %1 («&#xa0;%2&#xa0;») n’est pas un mot anglais BIP39&#xa0;: vérifiez son orthographe.</translation>
    </message>
    <message>
        <source>%1 words typed: a recovery phrase has 12, 15, 18, 21 or 24 words.</source>
        <translation>%1 mots saisis&#xa0;: une phrase de récupération compte 12, 15, 18, 21 ou 24 mots.</translation>
    </message>
    <message>
        <source>Every word is known, but the checksum does not match: a word is wrong or two are swapped.</source>
        <translation>Tous les mots sont connus, mais la somme de contrôle ne correspond pas&#xa0;: un mot est faux ou deux sont inversés.</translation>
    </message>
    <message>
        <source>Valid recovery phrase (%1 words).</source>
        <translation>Phrase de récupération valide (%1 mots).</translation>
    </message>
    <message>
        <source>Restore wallet</source>
        <translation>Restaurer un portefeuille</translation>
    </message>
    <message>
        <source>Type the recovery words of an existing wallet. The app then scans the chain for its coins.</source>
        <translation>Saisissez les mots de récupération d’un portefeuille existant. L’application parcourt ensuite la chaîne à la recherche de ses pièces.</translation>
    </message>
    <message>
        <source>Recovery &amp;words:</source>
        <translation>Mots de &amp;récupération&#xa0;:</translation>
    </message>
    <message>
        <source>Pa&amp;ssphrase:</source>
        <translation>Phrase &amp;secrète&#xa0;:</translation>
    </message>
    <message>
        <source>only if the wallet has one</source>
        <translation>seulement si le portefeuille en a une</translation>
    </message>
    <message>
        <source>Created at &amp;block:</source>
        <translation>Créé au &amp;bloc&#xa0;:</translation>
    </message>
    <message>
        <source>unknown (scan from the start of Whirlpool)</source>
        <translation>inconnu (parcourir depuis le début de Whirlpool)</translation>
    </message>
    <message>
        <source>The block height when the wallet was created, if you know it: scanning starts there and ends sooner.</source>
        <translation>La hauteur de bloc à la création du portefeuille, si vous la connaissez&#xa0;: le parcours commence là et se termine plus vite.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>Res&amp;taurer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>wp::gui::SendDialog</name>
    <message>
        <source>mainnet</source>
        <translation>mainnet</translation>
    </message>
    <message>
        <source>testnet</source>
        <translation>testnet</translation>
    </message>
    <message>
        <source>regtest</source>
        <translation>regtest</translation>
    </message>
    <message>
        <source>This address uses a future segwit version this wallet does not send to.</source>
        <translation>Cette adresse utilise une future version de SegWit vers laquelle ce portefeuille n’envoie pas.</translation>
    </message>
    <message>
        <source>This is a %1 address; this wallet is on %2.</source>
        <translation>C’est une adresse %1&#xa0;; ce portefeuille est sur %2.</translation>
    </message>
    <message>
        <source>Not a valid bitcoin address: %1</source>
        <translation>Adresse bitcoin non valide&#xa0;: %1</translation>
    </message>
    <message>
        <source>Enter the destination address.</source>
        <translation>Saisissez l’adresse de destination.</translation>
    </message>
    <message>
        <source>Enter an amount, or tick &quot;Send all&quot;.</source>
        <translation>Saisissez un montant, ou cochez «&#xa0;Tout envoyer&#xa0;».</translation>
    </message>
    <message>
        <source>The amount is not a number of bitcoin with at most 8 decimals.</source>
        <translation>Le montant n’est pas un nombre de bitcoins à 8 décimales au plus.</translation>
    </message>
    <message>
        <source>The amount is below the dust limit (%1).</source>
        <translation>Le montant est sous la limite de poussière (%1).</translation>
    </message>
    <message>
        <source>The amount is more than the %1 available.</source>
        <translation>Le montant dépasse les %1 disponibles.</translation>
    </message>
    <message>
        <source>The fee rate must be between %1 and %2 sat/vB.</source>
        <translation>Le taux de frais doit être compris entre %1 et %2 sat/vB.</translation>
    </message>
    <message>
        <source>Recipient gets:</source>
        <translation>Le destinataire reçoit&#xa0;:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À&#xa0;:</translation>
    </message>
    <message>
        <source>Miner fee:</source>
        <translation>Frais de minage&#xa0;:</translation>
    </message>
    <message>
        <source>%1 (%2 sat/vB, about %3 vB)</source>
        <translation>%1 (%2 sat/vB, environ %3 vB)</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>Monnaie&#xa0;:</translation>
    </message>
    <message>
        <source>%1 back to the postmix account</source>
        <translation>%1 retourne au compte postmix</translation>
    </message>
    <message>
        <source>none (%1 too small to keep, added to the fee)</source>
        <translation>aucune (%1, trop peu pour être gardé, ajouté aux frais)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Coins spent:</source>
        <translation>Pièces dépensées&#xa0;:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Check the address on the device you got it from before you send.</source>
        <translation>Vérifiez l’adresse sur l’appareil qui vous l’a fournie avant d’envoyer.</translation>
    </message>
    <message>
        <source>Send mixed coins</source>
        <translation>Envoyer des pièces mixées</translation>
    </message>
    <message>
        <source>Available in postmix: %1</source>
        <translation>Disponible en postmix&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Pay to:</source>
        <translation>&amp;Payer à&#xa0;:</translation>
    </message>
    <message>
        <source>bitcoin address</source>
        <translation>adresse bitcoin</translation>
    </message>
    <message>
        <source>&amp;Amount (BTC):</source>
        <translation>&amp;Montant (BTC)&#xa0;:</translation>
    </message>
    <message>
        <source>Send a&amp;ll</source>
        <translation>&amp;Tout envoyer</translation>
    </message>
    <message>
        <source>Send every mixed coin, minus the fee, with no change</source>
        <translation>Envoyer toutes les pièces mixées, moins les frais, sans monnaie</translation>
    </message>
    <message>
        <source>&amp;Fee:</source>
        <translation>&amp;Frais&#xa0;:</translation>
    </message>
    <message>
        <source>This transaction will:</source>
        <translation>Cette transaction va&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Sign and send</source>
        <translation>&amp;Signer et envoyer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>wp::gui::SettingsDialog</name>
    <message>
        <source>Add at least one coordinator instance (Cluster tab).</source>
        <translation>Ajoutez au moins une instance du coordinateur (onglet Cluster).</translation>
    </message>
    <message>
        <source>instance %1</source>
        <translation>l’instance %1</translation>
    </message>
    <message>
        <source>%1 has no URL.</source>
        <translation>%1 n’a pas d’URL.</translation>
    </message>
    <message>
        <source>The clearnet URL of %1 is not valid (http://host:port or https://host).</source>
        <translation>L’URL clearnet de %1 n’est pas valide (http://hôte:port ou https://hôte).</translation>
    </message>
    <message>
        <source>The onion URL of %1 is not valid (http://….onion).</source>
        <translation>L’URL onion de %1 n’est pas valide (http://….onion).</translation>
    </message>
    <message>
        <source>The operator address is not a valid address of this wallet&apos;s network.</source>
        <translation>L’adresse de l’opérateur n’est pas une adresse valide du réseau de ce portefeuille.</translation>
    </message>
    <message>
        <source>Onion URLs need a SOCKS5 proxy (Tor), usually 127.0.0.1 port 9050.</source>
        <translation>Les URL onion nécessitent un proxy SOCKS5 (Tor), en général 127.0.0.1 port 9050.</translation>
    </message>
    <message>
        <source>&quot;Use onion&quot; is on, but no instance has an onion URL.</source>
        <translation>«&#xa0;Utiliser onion&#xa0;» est activé, mais aucune instance n’a d’URL onion.</translation>
    </message>
    <message>
        <source>No instance has a clearnet URL: turn on &quot;Use onion&quot; or add one.</source>
        <translation>Aucune instance n’a d’URL clearnet&#xa0;: activez «&#xa0;Utiliser onion&#xa0;» ou ajoutez-en une.</translation>
    </message>
    <message>
        <source>Give the proxy&apos;s port.</source>
        <translation>Indiquez le port du proxy.</translation>
    </message>
    <message>
        <source>The node URL must look like http://127.0.0.1:8332 (Node tab).</source>
        <translation>L’URL du nœud doit ressembler à http://127.0.0.1:8332 (onglet Nœud).</translation>
    </message>
    <message>
        <source>Default fees must go from fast (highest) to slow (lowest).</source>
        <translation>Les frais par défaut doivent aller de rapide (le plus élevé) à lent (le plus bas).</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>&amp;Cluster</translation>
    </message>
    <message>
        <source>&amp;Node</source>
        <translation>&amp;Nœud</translation>
    </message>
    <message>
        <source>&amp;Mixing</source>
        <translation>&amp;Mixage</translation>
    </message>
    <message>
        <source>&amp;Fees</source>
        <translation>&amp;Frais</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Coordinator &amp;instances to start from. Any of them leads to the pools; the cluster&apos;s signed list adds the others.</source>
        <translation>&amp;Instances du coordinateur de départ. Chacune mène aux pools&#xa0;; la liste signée du cluster ajoute les autres.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Clearnet URL</source>
        <translation>URL clearnet</translation>
    </message>
    <message>
        <source>Onion URL</source>
        <translation>URL onion</translation>
    </message>
    <message>
        <source>&amp;Add instance</source>
        <translation>&amp;Ajouter une instance</translation>
    </message>
    <message>
        <source>&amp;Remove instance</source>
        <translation>&amp;Retirer l’instance</translation>
    </message>
    <message>
        <source>O&amp;perator address:</source>
        <translation>Adresse de l’o&amp;pérateur&#xa0;:</translation>
    </message>
    <message>
        <source>The address that signs the cluster&apos;s list of instances. Empty: only the instances above are used.</source>
        <translation>L’adresse qui signe la liste des instances du cluster. Vide&#xa0;: seules les instances ci-dessus sont utilisées.</translation>
    </message>
    <message>
        <source>Use &amp;onion URLs (Tor)</source>
        <translation>Utiliser les URL &amp;onion (Tor)</translation>
    </message>
    <message>
        <source>SOCKS5 pro&amp;xy:</source>
        <translation>Pro&amp;xy SOCKS5&#xa0;:</translation>
    </message>
    <message>
        <source>none (direct connections)</source>
        <translation>aucun (connexions directes)</translation>
    </message>
    <message>
        <source>Por&amp;t:</source>
        <translation>Por&amp;t&#xa0;:</translation>
    </message>
    <message>
        <source>RPC &amp;URL:</source>
        <translation>&amp;URL RPC&#xa0;:</translation>
    </message>
    <message>
        <source>RPC &amp;password:</source>
        <translation>Mot de &amp;passe RPC&#xa0;:</translation>
    </message>
    <message>
        <source>Coins mixing at &amp;once:</source>
        <translation>Pièces mixées en même &amp;temps&#xa0;:</translation>
    </message>
    <message>
        <source>Mix new premix coins &amp;automatically</source>
        <translation>Mixer &amp;automatiquement les nouvelles pièces premix</translation>
    </message>
    <message>
        <source>&amp;Remix mixed coins automatically (free)</source>
        <translation>&amp;Remixer automatiquement les pièces mixées (gratuit)</translation>
    </message>
    <message>
        <source>Stop remixing af&amp;ter:</source>
        <translation>Arrêter le remix a&amp;près&#xa0;:</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source> mixes</source>
        <translation> mix</translation>
    </message>
    <message>
        <source>Fee rates used when the node cannot estimate them (regtest, a fresh node).</source>
        <translation>Taux de frais utilisés quand le nœud ne peut pas les estimer (regtest, nœud tout neuf).</translation>
    </message>
    <message>
        <source>F&amp;ast:</source>
        <translation>R&amp;apide&#xa0;:</translation>
    </message>
    <message>
        <source>No&amp;rmal:</source>
        <translation>No&amp;rmal&#xa0;:</translation>
    </message>
    <message>
        <source>Slo&amp;w:</source>
        <translation>L&amp;ent&#xa0;:</translation>
    </message>
    <message>
        <source> sat/vB</source>
        <translation> sat/vB</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Lan&amp;gue&#xa0;:</translation>
    </message>
    <message>
        <source>The language changes as soon as you press OK.</source>
        <translation>La langue change dès que vous appuyez sur OK.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>RPC u&amp;ser:</source>
        <translation>Utili&amp;sateur RPC&#xa0;:</translation>
    </message>
</context>
<context>
    <name>wp::gui::Tx0OrderDialog</name>
    <message>
        <source>No pool is offered by the coordinators now.</source>
        <translation>Les coordinateurs ne proposent actuellement aucun pool.</translation>
    </message>
    <message>
        <source>Your confirmed deposit (%1) is too small for this pool: a coin needs %2, plus the pool fee %3.</source>
        <translation>Votre dépôt confirmé (%1) est trop petit pour ce pool&#xa0;: une pièce demande %2, plus les frais du pool de %3.</translation>
    </message>
    <message>
        <source>Premix coins from your confirmed deposit (%1): at most %2, of %3 each. The next step shows the exact transaction and its fees before anything is signed.</source>
        <translation>Pièces premix issues de votre dépôt confirmé (%1)&#xa0;: au plus %2, de %3 chacune. L’étape suivante montre la transaction exacte et ses frais avant toute signature.</translation>
    </message>
    <message>
        <source>Tx0: prepare coins for mixing</source>
        <translation>Tx0&#xa0;: préparer des pièces pour le mixage</translation>
    </message>
    <message>
        <source>A Tx0 splits your deposit into coins of the pool&apos;s size, which then mix automatically.</source>
        <translation>Un Tx0 découpe votre dépôt en pièces à la taille du pool, qui se mixent ensuite automatiquement.</translation>
    </message>
    <message>
        <source>&amp;Pool:</source>
        <translation>&amp;Pool&#xa0;:</translation>
    </message>
    <message>
        <source>%1: coins of %2, pool fee %3</source>
        <translation>%1&#xa0;: pièces de %2, frais du pool %3</translation>
    </message>
    <message>
        <source>&amp;Miner fee:</source>
        <translation>&amp;Frais de minage&#xa0;:</translation>
    </message>
    <message>
        <source>as many as possible</source>
        <translation>autant que possible</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Maximum &amp;coins:</source>
        <translation>Nombre &amp;maximal de pièces&#xa0;:</translation>
    </message>
    <message>
        <source>Send the change to the &amp;bad bank account</source>
        <translation>Envoyer la monnaie sur le compte &amp;bad bank</translation>
    </message>
    <message>
        <source>The change of a Tx0 is linked to your deposit. In the bad bank account it is kept apart, so it is never spent together with mixed coins by mistake.</source>
        <translation>La monnaie d’un Tx0 est liée à votre dépôt. Sur le compte bad bank, elle est tenue à l’écart&#xa0;: elle n’est ainsi jamais dépensée par erreur avec des pièces mixées.</translation>
    </message>
    <message>
        <source>Pre&amp;view…</source>
        <translation>&amp;Aperçu…</translation>
    </message>
</context>
<context>
    <name>wp::gui::Tx0PreviewDialog</name>
    <message>
        <source>Tx0 preview</source>
        <translation>Aperçu du Tx0</translation>
    </message>
    <message>
        <source>Split your deposit into coins for the pool %1</source>
        <translation>Découper votre dépôt en pièces pour le pool %1</translation>
    </message>
    <message>
        <source>Pool:</source>
        <translation>Pool&#xa0;:</translation>
    </message>
    <message>
        <source>%1 (coins of %2)</source>
        <translation>%1 (pièces de %2)</translation>
    </message>
    <message>
        <source>Spent from deposit:</source>
        <translation>Dépensé depuis le dépôt&#xa0;:</translation>
    </message>
    <message>
        <source>Premix coins:</source>
        <translation>Pièces premix&#xa0;:</translation>
    </message>
    <message>
        <source>%1 × %2 = %3</source>
        <translation>%1 × %2 = %3</translation>
    </message>
    <message>
        <source>Each coin is the pool&apos;s denomination plus its share of the miner fee of its first mix.</source>
        <translation>Chaque pièce vaut la dénomination du pool plus sa part des frais de minage de son premier mix.</translation>
    </message>
    <message>
        <source>Reserved for first-mix miner fees:</source>
        <translation>Réservé aux frais de minage du premier mix&#xa0;:</translation>
    </message>
    <message>
        <source>%1 (%2 per coin)</source>
        <translation>%1 (%2 par pièce)</translation>
    </message>
    <message>
        <source>Pool fee:</source>
        <translation>Frais du pool&#xa0;:</translation>
    </message>
    <message>
        <source>Paid once to the coordinator; remixes are free.</source>
        <translation>Payés une seule fois au coordinateur&#xa0;; les remix sont gratuits.</translation>
    </message>
    <message>
        <source>none (a decoy output of %1 returns to your wallet)</source>
        <translation>aucuns (une sortie leurre de %1 revient à votre portefeuille)</translation>
    </message>
    <message>
        <source>Tx0 miner fee:</source>
        <translation>Frais de minage du Tx0&#xa0;:</translation>
    </message>
    <message>
        <source>%1 (%2 sat/vB, about %3 vB)</source>
        <translation>%1 (%2 sat/vB, environ %3 vB)</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>Monnaie&#xa0;:</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 vers %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Total fees:</source>
        <translation>Total des frais&#xa0;:</translation>
    </message>
    <message>
        <source>%1 (%2 % of the amount spent)</source>
        <translation>%1 (%2&#xa0;% du montant dépensé)</translation>
    </message>
    <message>
        <source>Fees are more than %1 % of the amount: a larger deposit or a lower fee rate costs less.</source>
        <translation>Les frais dépassent %1&#xa0;% du montant&#xa0;: un dépôt plus gros ou un taux de frais plus bas coûte moins cher.</translation>
    </message>
    <message>
        <source>Once the Tx0 confirms, the premix coins join the pool and mix by themselves. The change is linked to the coins you spent: keep it apart from mixed coins.</source>
        <translation>Une fois le Tx0 confirmé, les pièces premix rejoignent le pool et se mixent d’elles-mêmes. La monnaie est liée aux pièces dépensées&#xa0;: gardez-la à l’écart des pièces mixées.</translation>
    </message>
    <message>
        <source>&amp;Confirm and send</source>
        <translation>&amp;Confirmer et envoyer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>wp::gui::UnlockDialog</name>
    <message>
        <source>Unlock wallet</source>
        <translation>Déverrouiller le portefeuille</translation>
    </message>
    <message>
        <source>Type the password of the wallet &quot;%1&quot;.</source>
        <translation>Saisissez le mot de passe du portefeuille «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Checking the password</source>
        <translation>Vérification du mot de passe</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
</TS>
