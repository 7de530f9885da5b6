<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>wp::client::AppSettings</name>
    <message>
        <source>Enter the address of your bitcoin node (for example http://127.0.0.1:8332).</source>
        <translation>Geben Sie die Adresse Ihres Bitcoin-Nodes ein (zum Beispiel http://127.0.0.1:8332).</translation>
    </message>
    <message>
        <source>The node address &apos;%1&apos; is not an http:// or https:// URL.</source>
        <translation>Die Node-Adresse „%1“ ist keine http://- oder https://-URL.</translation>
    </message>
    <message>
        <source>Add at least one coordinator instance.</source>
        <translation>Fügen Sie mindestens eine Koordinator-Instanz hinzu.</translation>
    </message>
    <message>
        <source>At most %1 coordinator instances can be listed.</source>
        <translation>Es können höchstens %1 Koordinator-Instanzen eingetragen werden.</translation>
    </message>
    <message>
        <source>Onion addresses need a Tor SOCKS5 proxy: enter its host and port (usually 127.0.0.1:9050).</source>
        <translation>Onion-Adressen brauchen einen Tor-SOCKS5-Proxy: Geben Sie seinen Host und Port an (meist 127.0.0.1:9050).</translation>
    </message>
    <message>
        <source>Enter the port of the SOCKS5 proxy.</source>
        <translation>Geben Sie den Port des SOCKS5-Proxys an.</translation>
    </message>
    <message>
        <source>Coordinator list: %1</source>
        <translation>Liste der Koordinator-Instanzen: %1</translation>
    </message>
    <message>
        <source>Coins mixing at once must be between 1 and %1.</source>
        <translation>Die Zahl gleichzeitig mischender Münzen muss zwischen 1 und %1 liegen.</translation>
    </message>
    <message>
        <source>The remix target cannot be negative.</source>
        <translation>Das Remix-Ziel darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>Default fee rates must be between %1 and %2 sat/vB, fast at least normal, normal at least slow.</source>
        <translation>Die Standard-Gebührenraten müssen zwischen %1 und %2 sat/vB liegen; schnell mindestens so hoch wie normal, normal mindestens so hoch wie langsam.</translation>
    </message>
</context>
<context>
    <name>wp::client::AppText</name>
    <message>
        <source>The wallet file cannot be read or written. Check the folder&apos;s permissions and free space.</source>
        <translation>Die Wallet-Datei kann nicht gelesen oder geschrieben werden. Prüfen Sie die Berechtigungen des Ordners und den freien Speicherplatz.</translation>
    </message>
    <message>
        <source>There is no wallet file there.</source>
        <translation>Dort gibt es keine Wallet-Datei.</translation>
    </message>
    <message>
        <source>A file already exists there; it was left untouched. Choose another name.</source>
        <translation>Dort gibt es bereits eine Datei; sie wurde nicht verändert. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The wallet file is damaged. Restore the wallet from its recovery words.</source>
        <translation>Die Wallet-Datei ist beschädigt. Stellen Sie die Wallet mit ihren Wiederherstellungswörtern wieder her.</translation>
    </message>
    <message>
        <source>This wallet file was written by a newer version of the app. Update the app to open it.</source>
        <translation>Diese Wallet-Datei wurde von einer neueren Version der App geschrieben. Aktualisieren Sie die App, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Falsches Passwort.</translation>
    </message>
    <message>
        <source>The wallet file was changed by another program, so it was not overwritten. Lock and open the wallet again.</source>
        <translation>Die Wallet-Datei wurde von einem anderen Programm geändert und daher nicht überschrieben. Sperren Sie die Wallet und öffnen Sie sie erneut.</translation>
    </message>
    <message>
        <source>The wallet cannot be saved with these values.</source>
        <translation>Mit diesen Werten kann die Wallet nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Choose at least one confirmed deposit coin.</source>
        <translation>Wählen Sie mindestens eine bestätigte Einzahlungsmünze.</translation>
    </message>
    <message>
        <source>One of the chosen coins cannot be used.</source>
        <translation>Eine der gewählten Münzen kann nicht verwendet werden.</translation>
    </message>
    <message>
        <source>A mined coin can be spent only after 100 confirmations.</source>
        <translation>Eine geschürfte Münze kann erst nach 100 Bestätigungen ausgegeben werden.</translation>
    </message>
    <message>
        <source>The fee rate is out of range.</source>
        <translation>Die Gebührenrate liegt außerhalb des erlaubten Bereichs.</translation>
    </message>
    <message>
        <source>The coordinator sent pool data this wallet does not accept; nothing was spent.</source>
        <translation>Der Koordinator hat Pool-Daten gesendet, die diese Wallet nicht akzeptiert; es wurde nichts ausgegeben.</translation>
    </message>
    <message>
        <source>The mix fee reserved per coin would be too high; choose a lower fee.</source>
        <translation>Die pro Münze reservierte Mix-Gebühr wäre zu hoch; wählen Sie eine niedrigere Gebühr.</translation>
    </message>
    <message>
        <source>Not enough funds for this pool.</source>
        <translation>Nicht genug Guthaben für diesen Pool.</translation>
    </message>
    <message>
        <source>The change would be too small to spend later; add or remove a coin.</source>
        <translation>Das Wechselgeld wäre zu klein, um es später auszugeben; fügen Sie eine Münze hinzu oder entfernen Sie eine.</translation>
    </message>
    <message>
        <source>The wallet could not sign the transaction.</source>
        <translation>Die Wallet konnte die Transaktion nicht signieren.</translation>
    </message>
    <message>
        <source>Choose at least one coin to spend.</source>
        <translation>Wählen Sie mindestens eine Münze zum Ausgeben.</translation>
    </message>
    <message>
        <source>One of the chosen coins cannot be spent from here.</source>
        <translation>Eine der gewählten Münzen kann von hier aus nicht ausgegeben werden.</translation>
    </message>
    <message>
        <source>That is not a bitcoin address this wallet can send to.</source>
        <translation>Das ist keine Bitcoin-Adresse, an die diese Wallet senden kann.</translation>
    </message>
    <message>
        <source>That address belongs to another bitcoin network.</source>
        <translation>Diese Adresse gehört zu einem anderen Bitcoin-Netzwerk.</translation>
    </message>
    <message>
        <source>The amount is not valid.</source>
        <translation>Der Betrag ist ungültig.</translation>
    </message>
    <message>
        <source>The amount is too small to be sent.</source>
        <translation>Der Betrag ist zu klein, um gesendet zu werden.</translation>
    </message>
    <message>
        <source>The wallet has not synced with the node yet.</source>
        <translation>Die Wallet hat sich noch nicht mit dem Node synchronisiert.</translation>
    </message>
    <message>
        <source>Not enough funds in the chosen coins.</source>
        <translation>Die gewählten Münzen reichen nicht aus.</translation>
    </message>
    <message>
        <source>Too many coins for one transaction; spend fewer at a time.</source>
        <translation>Zu viele Münzen für eine Transaktion; geben Sie weniger auf einmal aus.</translation>
    </message>
    <message>
        <source>The node did not accept the transaction (a coin may already be spent, or the fee is too low). Nothing was sent.</source>
        <translation>Der Node hat die Transaktion nicht angenommen (vielleicht ist eine Münze schon ausgegeben oder die Gebühr zu niedrig). Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>The node could not be reached, so the transaction was not sent.</source>
        <translation>Der Node war nicht erreichbar; die Transaktion wurde daher nicht gesendet.</translation>
    </message>
    <message>
        <source>The node refused the transaction; nothing was sent.</source>
        <translation>Der Node hat die Transaktion abgelehnt; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Cannot sync with the bitcoin node: balances may be out of date. Check the node settings; retrying by itself.</source>
        <translation>Keine Synchronisierung mit dem Bitcoin-Node möglich: Die Guthaben sind eventuell veraltet. Prüfen Sie die Node-Einstellungen; neuer Versuch folgt automatisch.</translation>
    </message>
    <message>
        <source>Connected to coordinator %1</source>
        <translation>Verbunden mit Koordinator %1</translation>
    </message>
    <message>
        <source>Redirected to %1, the coordinator that runs the pool</source>
        <translation>Umgeleitet zu %1, dem Koordinator, der den Pool betreibt</translation>
    </message>
    <message>
        <source>Refused a redirect to %1: it is not a known instance of this cluster</source>
        <translation>Umleitung zu %1 abgelehnt: keine bekannte Instanz dieses Clusters</translation>
    </message>
    <message>
        <source>Coordinator %1 cannot be reached</source>
        <translation>Koordinator %1 ist nicht erreichbar</translation>
    </message>
    <message>
        <source>Switching to coordinator %1</source>
        <translation>Wechsel zu Koordinator %1</translation>
    </message>
    <message>
        <source>The cluster&apos;s signed instance list was updated</source>
        <translation>Die signierte Instanzliste des Clusters wurde aktualisiert</translation>
    </message>
    <message>
        <source>The cluster&apos;s instance list was not accepted</source>
        <translation>Die Instanzliste des Clusters wurde nicht akzeptiert</translation>
    </message>
    <message>
        <source>Deposit coins enter a pool through a Tx0.</source>
        <translation>Einzahlungsmünzen kommen mit einem Tx0 in einen Pool.</translation>
    </message>
    <message>
        <source>A mined coin: it can move after 100 confirmations.</source>
        <translation>Eine geschürfte Münze: Sie kann nach 100 Bestätigungen bewegt werden.</translation>
    </message>
    <message>
        <source>Change of a payment from mixed coins: not a mix output, so it does not remix.</source>
        <translation>Wechselgeld einer Zahlung aus gemischten Münzen: kein Mix-Ausgang, daher wird es nicht erneut gemischt.</translation>
    </message>
    <message>
        <source>Waiting for the coordinators&apos; list of pools.</source>
        <translation>Wartet auf die Pool-Liste der Koordinatoren.</translation>
    </message>
    <message>
        <source>Its value fits no pool the coordinators offer now.</source>
        <translation>Ihr Wert passt zu keinem Pool, den die Koordinatoren derzeit anbieten.</translation>
    </message>
    <message>
        <source>Change of a Tx0: it is linked to your deposit, so it never mixes. Spend it separately.</source>
        <translation>Wechselgeld eines Tx0: Es ist mit Ihrer Einzahlung verknüpft und wird daher nie gemischt. Geben Sie es getrennt aus.</translation>
    </message>
    <message>
        <source>Waiting for confirmations: a mix needs at least %1.</source>
        <translation>Wartet auf Bestätigungen: Ein Mix braucht mindestens %1.</translation>
    </message>
</context>
<context>
    <name>wp::client::MixOrchestrator</name>
    <message>
        <source>%1; trying again in %2 s</source>
        <translation>%1; neuer Versuch in %2 s</translation>
    </message>
    <message>
        <source>Mixing stopped.</source>
        <translation>Mischen angehalten.</translation>
    </message>
    <message>
        <source>The mix round failed (another participant left or was too slow). Nobody took your coin.</source>
        <translation>Die Mix-Runde ist gescheitert (ein anderer Teilnehmer ist gegangen oder war zu langsam). Niemand hat Ihre Münze genommen.</translation>
    </message>
    <message>
        <source>Nothing to do: it joins the next round.</source>
        <translation>Nichts zu tun: Sie nimmt an der nächsten Runde teil.</translation>
    </message>
    <message>
        <source>No coordinator instance could be reached.</source>
        <translation>Keine Koordinator-Instanz war erreichbar.</translation>
    </message>
    <message>
        <source>Check your internet connection or Tor proxy in Settings; retrying by itself.</source>
        <translation>Prüfen Sie Ihre Internetverbindung oder den Tor-Proxy in den Einstellungen; neuer Versuch folgt automatisch.</translation>
    </message>
    <message>
        <source>The coordinator has banned this coin for a while: %1</source>
        <translation>Der Koordinator hat diese Münze vorübergehend gesperrt: %1</translation>
    </message>
    <message>
        <source>Coins are banned after they disappear from mixes several times (closed app, lost connection during signing). Keep the app online while mixing; retrying later.</source>
        <translation>Münzen werden gesperrt, wenn sie mehrmals aus Mixen verschwinden (App geschlossen, Verbindung beim Signieren verloren). Lassen Sie die App beim Mischen online; späterer neuer Versuch.</translation>
    </message>
    <message>
        <source>The coordinator refused this coin: %1</source>
        <translation>Der Koordinator hat diese Münze abgelehnt: %1</translation>
    </message>
    <message>
        <source>If the coin is unconfirmed, wait for a confirmation; retrying by itself.</source>
        <translation>Ist die Münze unbestätigt, warten Sie auf eine Bestätigung; neuer Versuch folgt automatisch.</translation>
    </message>
    <message>
        <source>This coordinator speaks another protocol version.</source>
        <translation>Dieser Koordinator spricht eine andere Protokollversion.</translation>
    </message>
    <message>
        <source>Update the app.</source>
        <translation>Aktualisieren Sie die App.</translation>
    </message>
    <message>
        <source>The coordinator showed this coin another mix key than the one it publishes: this could be an attempt to identify you. The coin was not mixed.</source>
        <translation>Der Koordinator hat dieser Münze einen anderen Mix-Schlüssel gezeigt als den veröffentlichten: Das könnte ein Versuch sein, Sie zu identifizieren. Die Münze wurde nicht gemischt.</translation>
    </message>
    <message>
        <source>Mixing of this coin is paused for your safety. Start it again only if it keeps happening nowhere else, and tell the operator.</source>
        <translation>Das Mischen dieser Münze ist zu Ihrer Sicherheit pausiert. Starten Sie es nur erneut, wenn es sonst nirgends wieder vorkommt, und informieren Sie den Betreiber.</translation>
    </message>
    <message>
        <source>The pool&apos;s network, denomination or fees differ from what this coin was made for.</source>
        <translation>Netzwerk, Stückelung oder Gebühren des Pools passen nicht zu dieser Münze.</translation>
    </message>
    <message>
        <source>Check the bootstrap list in Settings (wrong network or a foreign coordinator?).</source>
        <translation>Prüfen Sie die Startliste in den Einstellungen (falsches Netzwerk oder fremder Koordinator?).</translation>
    </message>
    <message>
        <source>The coordinator proposed a mix transaction that does not pay you correctly, so it was not signed. Your coin is safe.</source>
        <translation>Der Koordinator hat eine Mix-Transaktion vorgeschlagen, die Sie nicht korrekt bezahlt; sie wurde daher nicht signiert. Ihre Münze ist sicher.</translation>
    </message>
    <message>
        <source>Mixing of this coin is paused; start it again to retry.</source>
        <translation>Das Mischen dieser Münze ist pausiert; starten Sie es erneut für einen neuen Versuch.</translation>
    </message>
    <message>
        <source>The wallet could not complete the mix: %1</source>
        <translation>Die Wallet konnte den Mix nicht abschließen: %1</translation>
    </message>
    <message>
        <source>Retrying by itself; if it persists, restart the app.</source>
        <translation>Neuer Versuch folgt automatisch; falls es anhält, starten Sie die App neu.</translation>
    </message>
    <message>
        <source>Waiting for a free mixing slot</source>
        <translation>Wartet auf einen freien Mix-Platz</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Mixed: the new coin appears after the next sync</source>
        <translation>Gemischt: Die neue Münze erscheint nach der nächsten Synchronisierung</translation>
    </message>
    <message>
        <source>%1 mixed in %2</source>
        <translation>%1 gemischt in %2</translation>
    </message>
    <message>
        <source>Needs your attention</source>
        <translation>Braucht Ihre Aufmerksamkeit</translation>
    </message>
    <message>
        <source>%1 paused: %2</source>
        <translation>%1 pausiert: %2</translation>
    </message>
    <message>
        <source>Retrying in %1 s</source>
        <translation>Neuer Versuch in %1 s</translation>
    </message>
    <message>
        <source>%1 failed: %2 Retrying in %3 s.</source>
        <translation>%1 gescheitert: %2 Neuer Versuch in %3 s.</translation>
    </message>
    <message>
        <source>connecting...</source>
        <translation>verbinde …</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>registered input</source>
        <translation>Eingang registriert</translation>
    </message>
    <message>
        <source>waiting for a mix...</source>
        <translation>warte auf einen Mix …</translation>
    </message>
    <message>
        <source>joined a mix!</source>
        <translation>einem Mix beigetreten!</translation>
    </message>
    <message>
        <source>registering output</source>
        <translation>registriere Ausgang</translation>
    </message>
    <message>
        <source>registered output</source>
        <translation>Ausgang registriert</translation>
    </message>
    <message>
        <source>round aborted</source>
        <translation>Runde abgebrochen</translation>
    </message>
    <message>
        <source>signing</source>
        <translation>signiere</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>signiert</translation>
    </message>
    <message>
        <source>mix success</source>
        <translation>Mix erfolgreich</translation>
    </message>
    <message>
        <source>mix failed</source>
        <translation>Mix gescheitert</translation>
    </message>
</context>
<context>
    <name>wp::client::WalletController</name>
    <message>
        <source>No wallet is open.</source>
        <translation>Es ist keine Wallet geöffnet.</translation>
    </message>
    <message>
        <source>Lock the open wallet first.</source>
        <translation>Sperren Sie zuerst die geöffnete Wallet.</translation>
    </message>
    <message>
        <source>Choose where to save the wallet file.</source>
        <translation>Wählen Sie, wo die Wallet-Datei gespeichert werden soll.</translation>
    </message>
    <message>
        <source>The recovery words are not valid: %1</source>
        <translation>Die Wiederherstellungswörter sind ungültig: %1</translation>
    </message>
    <message>
        <source>Choose a password to protect the wallet file.</source>
        <translation>Wählen Sie ein Passwort zum Schutz der Wallet-Datei.</translation>
    </message>
    <message>
        <source>A file already exists at %1; choose another name.</source>
        <translation>Unter %1 gibt es bereits eine Datei; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The new wallet needs the node&apos;s current height as its starting point: %1</source>
        <translation>Die neue Wallet braucht die aktuelle Blockhöhe des Nodes als Startpunkt: %1</translation>
    </message>
    <message>
        <source>Cannot read the current block height from the node, which the new wallet needs as its starting point. Check the node settings. (%1)</source>
        <translation>Die aktuelle Blockhöhe kann nicht vom Node gelesen werden, die neue Wallet braucht sie aber als Startpunkt. Prüfen Sie die Node-Einstellungen. (%1)</translation>
    </message>
    <message>
        <source>The wallet&apos;s keys cannot be derived: %1</source>
        <translation>Die Schlüssel der Wallet können nicht abgeleitet werden: %1</translation>
    </message>
    <message>
        <source>Wallet opened (%1); scanning the chain from block %2</source>
        <translation>Wallet geöffnet (%1); die Blockchain wird ab Block %2 durchsucht</translation>
    </message>
    <message>
        <source>The settings saved in the wallet could not be read; the current ones are used.</source>
        <translation>Die in der Wallet gespeicherten Einstellungen konnten nicht gelesen werden; die aktuellen werden verwendet.</translation>
    </message>
    <message>
        <source>The wallet was locked before this finished. If a transaction was being sent, check the wallet&apos;s coins after opening it again.</source>
        <translation>Die Wallet wurde gesperrt, bevor dies abgeschlossen war. Wurde gerade eine Transaktion gesendet, prüfen Sie die Münzen der Wallet, nachdem Sie sie erneut geöffnet haben.</translation>
    </message>
    <message>
        <source>Open a wallet first.</source>
        <translation>Öffnen Sie zuerst eine Wallet.</translation>
    </message>
    <message>
        <source>A password change is already running.</source>
        <translation>Eine Passwortänderung läuft bereits.</translation>
    </message>
    <message>
        <source>The new password must not be empty.</source>
        <translation>Das neue Passwort darf nicht leer sein.</translation>
    </message>
    <message>
        <source>The wallet password was changed.</source>
        <translation>Das Passwort der Wallet wurde geändert.</translation>
    </message>
    <message>
        <source>Wait until the wallet is open.</source>
        <translation>Warten Sie, bis die Wallet geöffnet ist.</translation>
    </message>
    <message>
        <source>Wait until the transaction being sent is done.</source>
        <translation>Warten Sie, bis die laufende Transaktion gesendet ist.</translation>
    </message>
    <message>
        <source>Settings changed.</source>
        <translation>Einstellungen geändert.</translation>
    </message>
    <message>
        <source>In step with the bitcoin node again (block %1).</source>
        <translation>Wieder synchron mit dem Bitcoin-Node (Block %1).</translation>
    </message>
    <message>
        <source>Mixing is not possible: %1</source>
        <translation>Mischen ist nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cancelled: the coordinator settings changed.</source>
        <translation>Abgebrochen: Die Koordinator-Einstellungen haben sich geändert.</translation>
    </message>
    <message>
        <source>No coordinator instance answered; trying again in %1 s. (%2)</source>
        <translation>Keine Koordinator-Instanz hat geantwortet; neuer Versuch in %1 s. (%2)</translation>
    </message>
    <message>
        <source>Pool %1 is now run by %2.</source>
        <translation>Pool %1 wird jetzt von %2 betrieben.</translation>
    </message>
    <message>
        <source>Pool %1 has no coordinator right now; another instance takes it over within seconds.</source>
        <translation>Pool %1 hat gerade keinen Koordinator; eine andere Instanz übernimmt ihn innerhalb von Sekunden.</translation>
    </message>
    <message>
        <source>The coordinators answer again.</source>
        <translation>Die Koordinatoren antworten wieder.</translation>
    </message>
    <message>
        <source>No coordinator is configured.</source>
        <translation>Es ist kein Koordinator eingerichtet.</translation>
    </message>
    <message>
        <source>The coordinators did not send the pool&apos;s fee data: %1</source>
        <translation>Die Koordinatoren haben die Gebührendaten des Pools nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Coordinator %1 has no fee data for pool %2.</source>
        <translation>Koordinator %1 hat keine Gebührendaten für Pool %2.</translation>
    </message>
    <message>
        <source>Pool %1 is not offered by the coordinators.</source>
        <translation>Pool %1 wird von den Koordinatoren nicht angeboten.</translation>
    </message>
    <message>
        <source>There is no confirmed deposit coin to send to a pool.</source>
        <translation>Es gibt keine bestätigte Einzahlungsmünze, die in einen Pool gehen könnte.</translation>
    </message>
    <message>
        <source>Coin %1 is not in the wallet (already spent?).</source>
        <translation>Münze %1 ist nicht in der Wallet (schon ausgegeben?).</translation>
    </message>
    <message>
        <source>Coin %1 is not a deposit coin: only deposit coins go into a Tx0.</source>
        <translation>Münze %1 ist keine Einzahlungsmünze: Nur Einzahlungsmünzen kommen in einen Tx0.</translation>
    </message>
    <message>
        <source>Coin %1 is not confirmed yet.</source>
        <translation>Münze %1 ist noch nicht bestätigt.</translation>
    </message>
    <message>
        <source>A Tx0 is being sent already; wait until it is done.</source>
        <translation>Ein Tx0 wird bereits gesendet; warten Sie, bis das abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Tx0 not sent: %1</source>
        <translation>Tx0 nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Mixing switched on.</source>
        <translation>Mischen eingeschaltet.</translation>
    </message>
    <message>
        <source>Mixing switched off.</source>
        <translation>Mischen ausgeschaltet.</translation>
    </message>
    <message>
        <source>The wallet has not synced with the node yet.</source>
        <translation>Die Wallet hat sich noch nicht mit dem Node synchronisiert.</translation>
    </message>
    <message>
        <source>Coin %1 was just mixed (it is spent); its new coin appears after the next sync.</source>
        <translation>Münze %1 wurde gerade gemischt (sie ist ausgegeben); ihre neue Münze erscheint nach der nächsten Synchronisierung.</translation>
    </message>
    <message>
        <source>Coin %1 is in the middle of a mix (%2); wait a moment or try again after it.</source>
        <translation>Münze %1 steckt mitten in einem Mix (%2); warten Sie einen Moment oder versuchen Sie es danach erneut.</translation>
    </message>
    <message>
        <source>There is no confirmed postmix coin to spend.</source>
        <translation>Es gibt keine bestätigte Postmix-Münze zum Ausgeben.</translation>
    </message>
    <message>
        <source>Coin %1 is not a mixed (postmix) coin.</source>
        <translation>Münze %1 ist keine gemischte (Postmix-)Münze.</translation>
    </message>
    <message>
        <source>A payment is being sent already; wait until it is done.</source>
        <translation>Eine Zahlung wird bereits gesendet; warten Sie, bis sie abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Payment not sent: %1</source>
        <translation>Zahlung nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Payment %1 sent: %2 sat to %3 (fee %4 sat).</source>
        <translation>Zahlung %1 gesendet: %2 sat an %3 (Gebühr %4 sat).</translation>
    </message>
    <message>
        <source>Settings and mix history could not be saved: %1</source>
        <translation>Einstellungen und Mix-Verlauf konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The node was not asked yet.</source>
        <translation>Der Node wurde noch nicht abgefragt.</translation>
    </message>
    <message>
        <source>The pools are not loaded yet.</source>
        <translation>Die Pools sind noch nicht geladen.</translation>
    </message>
    <message>
        <source>The pools are not loaded yet: %1</source>
        <translation>Die Pools sind noch nicht geladen: %1</translation>
    </message>
    <message>
        <source>The chain reorganized above block %1 (replaced blocks: %2); balances follow the new chain.</source>
        <translation>Die Blockchain wurde oberhalb von Block %1 reorganisiert (ersetzte Blöcke: %2); die Guthaben folgen der neuen Kette.</translation>
    </message>
    <message>
        <source>Tx0 %1 sent to pool %4 (premix coins: %2 × %3 sat; coordinator fee %5 sat, miner fee %6 sat).</source>
        <translation>Tx0 %1 an Pool %4 gesendet (Premix-Münzen: %2 × %3 sat; Koordinator-Gebühr %5 sat, Miner-Gebühr %6 sat).</translation>
    </message>
    <message>
        <source>This wallet signed a mix of coin %1 just before its mixing stopped, and the coordinator may still broadcast that mix. Try again in %2 s.</source>
        <translation>Diese Wallet hat kurz vor dem Anhalten des Mischens einen Mix der Münze %1 signiert, und der Koordinator kann diesen Mix noch ins Netzwerk senden. Versuchen Sie es in %2 s erneut.</translation>
    </message>
</context>
<context>
    <name>wp::gui::AccountsWidget</name>
    <message>
        <source>Deposit</source>
        <translation>Einzahlung</translation>
    </message>
    <message>
        <source>Premix (waiting for a first mix)</source>
        <translation>Premix (wartet auf den ersten Mix)</translation>
    </message>
    <message>
        <source>Postmix (mixed)</source>
        <translation>Postmix (gemischt)</translation>
    </message>
    <message>
        <source>Bad bank (Tx0 change)</source>
        <translation>Bad Bank (Tx0-Wechselgeld)</translation>
    </message>
    <message>
        <source>Receive here the coins you want to mix. A Tx0 splits them into premix coins of the pool&apos;s size.</source>
        <translation>Empfangen Sie hier die Münzen, die Sie mischen möchten. Ein Tx0 teilt sie in Premix-Münzen in der Größe des Pools.</translation>
    </message>
    <message>
        <source>Coins made by a Tx0, each waiting for its first mix.</source>
        <translation>Münzen aus einem Tx0, die jeweils auf ihren ersten Mix warten.</translation>
    </message>
    <message>
        <source>Mixed coins. They keep remixing for free while the app runs; spend them from here.</source>
        <translation>Gemischte Münzen. Sie werden kostenlos weiter gemischt, solange die App läuft; geben Sie sie von hier aus aus.</translation>
    </message>
    <message>
        <source>The change of your Tx0s. It is linked to your deposit: do not mix it with postmix coins.</source>
        <translation>Das Wechselgeld Ihrer Tx0. Es ist mit Ihrer Einzahlung verknüpft: Vermischen Sie es nicht mit Postmix-Münzen.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>&amp;Balances</source>
        <translation>&amp;Guthaben</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Unconfirmed</source>
        <translation>Unbestätigt</translation>
    </message>
    <message>
        <source>Coins</source>
        <translation>Münzen</translation>
    </message>
    <message>
        <source>Balances per account</source>
        <translation>Guthaben pro Konto</translation>
    </message>
</context>
<context>
    <name>wp::gui::CoinTableModel</name>
    <message>
        <source>Not mixing</source>
        <translation>Mischt nicht</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <source>Mixing</source>
        <translation>Mischt</translation>
    </message>
    <message>
        <source>Retrying soon</source>
        <translation>Neuer Versuch bald</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Gemischt</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>%1 (for %2)</source>
        <translation>%1 (seit %2)</translation>
    </message>
    <message>
        <source>Retrying in %1</source>
        <translation>Neuer Versuch in %1</translation>
    </message>
    <message>
        <source>Remix target reached</source>
        <translation>Remix-Ziel erreicht</translation>
    </message>
    <message>
        <source>Connecting to the coordinator instance that runs this pool.</source>
        <translation>Verbindet mit der Koordinator-Instanz, die diesen Pool betreibt.</translation>
    </message>
    <message>
        <source>Your coin waits in the pool for a mix with enough participants. Waiting minutes or even hours is normal: nothing is wrong and nothing is spent. You can stop at any time without penalty.</source>
        <translation>Ihre Münze wartet im Pool auf einen Mix mit genug Teilnehmern. Minuten oder sogar Stunden zu warten ist normal: Nichts ist falsch und nichts wird ausgegeben. Sie können jederzeit ohne Nachteil anhalten.</translation>
    </message>
    <message>
        <source>Your coin was picked for a mix that is about to start.</source>
        <translation>Ihre Münze wurde für einen Mix ausgewählt, der gleich beginnt.</translation>
    </message>
    <message>
        <source>The mix is running. Keep the app open and online until it ends (about a minute): leaving now gets the coin blamed, and repeated blames lead to a temporary ban.</source>
        <translation>Der Mix läuft. Lassen Sie die App geöffnet und online, bis er endet (etwa eine Minute): Wer jetzt geht, bekommt der Münze einen Verstoß angelastet, und wiederholte Verstöße führen zu einer vorübergehenden Sperre.</translation>
    </message>
    <message>
        <source>In this step for %1.</source>
        <translation>Seit %1 in diesem Schritt.</translation>
    </message>
    <message>
        <source>Coordinator instance: %1</source>
        <translation>Koordinator-Instanz: %1</translation>
    </message>
    <message>
        <source>This coin starts when a mixing slot is free. Coins mixing at once: at most %1 (Settings).</source>
        <translation>Diese Münze startet, sobald ein Mix-Platz frei ist. Gleichzeitig mischende Münzen: höchstens %1 (Einstellungen).</translation>
    </message>
    <message>
        <source>Next attempt at %1.</source>
        <translation>Nächster Versuch um %1.</translation>
    </message>
    <message>
        <source>This coin is not retried by itself: start it again once you have read this.</source>
        <translation>Diese Münze wird nicht automatisch erneut versucht: Starten Sie sie erneut, wenn Sie dies gelesen haben.</translation>
    </message>
    <message>
        <source>Mixed in transaction %1.</source>
        <translation>Gemischt in Transaktion %1.</translation>
    </message>
    <message>
        <source>This coin reached the remix target set in Settings (mixes: %1).</source>
        <translation>Diese Münze hat das Remix-Ziel aus den Einstellungen erreicht (Mixe: %1).</translation>
    </message>
    <message>
        <source>Not mixing. Start it from the coin&apos;s context menu or with &quot;Start all&quot;.</source>
        <translation>Mischt nicht. Starten Sie sie über das Kontextmenü der Münze oder mit „Alle starten“.</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>Mixed coin (remixing is free)</source>
        <translation>Gemischte Münze (Remixen ist kostenlos)</translation>
    </message>
    <message>
        <source>Premix coin from a Tx0, waiting for its first mix</source>
        <translation>Premix-Münze aus einem Tx0, wartet auf ihren ersten Mix</translation>
    </message>
    <message>
        <source>The coordinator instance running this coin&apos;s mix. When an instance fails, its pools move to another one and the coin follows.</source>
        <translation>Die Koordinator-Instanz, die den Mix dieser Münze betreibt. Fällt eine Instanz aus, ziehen ihre Pools zu einer anderen um, und die Münze folgt.</translation>
    </message>
    <message>
        <source>Banned for a while</source>
        <translation>Vorübergehend gesperrt</translation>
    </message>
    <message>
        <source>Where the current mix stands; hover a coin for what it means</source>
        <translation>Stand des aktuellen Mix; zeigen Sie auf eine Münze für die Bedeutung</translation>
    </message>
    <message>
        <source>Mixes this coin went through (remixes included)</source>
        <translation>Mixe, die diese Münze durchlaufen hat (Remixe eingeschlossen)</translation>
    </message>
    <message>
        <source>Why the last attempt failed; hover for what to do</source>
        <translation>Warum der letzte Versuch scheiterte; zeigen Sie darauf für Abhilfe</translation>
    </message>
    <message>
        <source>Coin</source>
        <translation>Münze</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Mixes</source>
        <translation>Mixe</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>wp::gui::DesktopApp</name>
    <message>
        <source>The settings given on the command line were not applied: %1</source>
        <translation>Die auf der Kommandozeile angegebenen Einstellungen wurden nicht übernommen: %1</translation>
    </message>
    <message>
        <source>Mixing is switched off. Switch it on (Mixing → Start all) to mix single coins.</source>
        <translation>Das Mischen ist ausgeschaltet. Schalten Sie es ein (Mischen → Alle starten), um einzelne Münzen zu mischen.</translation>
    </message>
    <message>
        <source>Coin %1 cannot be mixed now.</source>
        <translation>Münze %1 kann jetzt nicht gemischt werden.</translation>
    </message>
    <message>
        <source>Lock the open wallet first (Wallet → Lock).</source>
        <translation>Sperren Sie zuerst die geöffnete Wallet (Wallet → Sperren).</translation>
    </message>
    <message>
        <source>Open wallet</source>
        <translation>Wallet öffnen</translation>
    </message>
    <message>
        <source>Wallet files (*.wallet);;All files (*)</source>
        <translation>Wallet-Dateien (*.wallet);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The pools are not known yet: the wallet has not reached the coordinators. See the Events tab.</source>
        <translation>Die Pools sind noch nicht bekannt: Die Wallet hat die Koordinatoren noch nicht erreicht. Details im Reiter Ereignisse.</translation>
    </message>
    <message>
        <source>Tx0 %1 was broadcast. Premix coins: %2; they start mixing once it has a confirmation.</source>
        <translation>Tx0 %1 wurde ins Netzwerk gesendet. Premix-Münzen: %2; sie beginnen zu mischen, sobald er eine Bestätigung hat.</translation>
    </message>
    <message>
        <source>Payment %1 was broadcast.</source>
        <translation>Zahlung %1 wurde ins Netzwerk gesendet.</translation>
    </message>
    <message>
        <source>Coins in the middle of a mix: %1. Quitting now makes those mixes fail for everyone in them, and the coordinator blames your coins (repeated blames lead to a ban). The mixes take a minute or two at most.</source>
        <translation>Münzen mitten in einem Mix: %1. Wenn Sie jetzt beenden, scheitern diese Mixe für alle Beteiligten, und der Koordinator lastet Ihren Münzen einen Verstoß an (wiederholte Verstöße führen zu einer Sperre). Die Mixe dauern höchstens ein bis zwei Minuten.</translation>
    </message>
    <message>
        <source>Keep mixing</source>
        <translation>Weiter mischen</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Trotzdem beenden</translation>
    </message>
</context>
<context>
    <name>wp::gui::EventLogWidget</name>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Redirected</source>
        <translation>Umgeleitet</translation>
    </message>
    <message>
        <source>Redirect refused</source>
        <translation>Umleitung abgelehnt</translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation>Verbindung gescheitert</translation>
    </message>
    <message>
        <source>Failover</source>
        <translation>Ausfallumschaltung</translation>
    </message>
    <message>
        <source>Cluster list updated</source>
        <translation>Cluster-Liste aktualisiert</translation>
    </message>
    <message>
        <source>Cluster list refused</source>
        <translation>Cluster-Liste abgelehnt</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Not connected to a coordinator instance.</source>
        <translation>Mit keiner Koordinator-Instanz verbunden.</translation>
    </message>
    <message>
        <source>Connected instance: %1</source>
        <translation>Verbundene Instanz: %1</translation>
    </message>
    <message>
        <source>Connected instance: %1 (%2)</source>
        <translation>Verbundene Instanz: %1 (%2)</translation>
    </message>
    <message>
        <source>Show only failed connections, refused redirects and other problems</source>
        <translation>Nur gescheiterte Verbindungen, abgelehnte Umleitungen und andere Probleme zeigen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <source>Only p&amp;roblems</source>
        <translation>Nur Pro&amp;bleme</translation>
    </message>
</context>
<context>
    <name>wp::gui::FeeChooser</name>
    <message>
        <source>%1: %2 sat/vB (about %3 blocks)</source>
        <translation>%1: %2 sat/vB (etwa %3 Blöcke)</translation>
    </message>
    <message>
        <source>%1: %2 sat/vB (default)</source>
        <translation>%1: %2 sat/vB (Standardwert)</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Schnell</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Slow</source>
        <translation>Langsam</translation>
    </message>
    <message>
        <source>Custom rate</source>
        <translation>Eigene Rate</translation>
    </message>
    <message>
        <source> sat/vB</source>
        <translation> sat/vB</translation>
    </message>
    <message>
        <source>Custom fee rate</source>
        <translation>Eigene Gebührenrate</translation>
    </message>
    <message>
        <source>The node gave no estimate for some presets; defaults are used.</source>
        <translation>Der Node lieferte für einige Voreinstellungen keine Schätzung; Standardwerte werden verwendet.</translation>
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
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
</context>
<context>
    <name>wp::gui::GuiText</name>
    <message>
        <source>Node unreachable: %1</source>
        <translation>Node nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Node: connecting…</source>
        <translation>Node: Verbindung wird hergestellt …</translation>
    </message>
    <message>
        <source>Node: not checked yet</source>
        <translation>Node: noch nicht geprüft</translation>
    </message>
    <message>
        <source>Node: block %1, wallet scanned to %2</source>
        <translation>Node: Block %1, Wallet durchsucht bis %2</translation>
    </message>
    <message>
        <source>Node: block %1</source>
        <translation>Node: Block %1</translation>
    </message>
</context>
<context>
    <name>wp::gui::MainWindow</name>
    <message>
        <source>Mixing: %1, waiting: %2</source>
        <translation>Mischt: %1, wartet: %2</translation>
    </message>
    <message>
        <source>, need attention: %1</source>
        <translation>, brauchen Aufmerksamkeit: %1</translation>
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
        <translation>&amp;Münzen</translation>
    </message>
    <message>
        <source>&amp;Pools</source>
        <translation>&amp;Pools</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>&amp;Ereignisse</translation>
    </message>
    <message>
        <source>Coins and their mixing status</source>
        <translation>Münzen und ihr Mischstatus</translation>
    </message>
    <message>
        <source>&amp;Wallet</source>
        <translation>&amp;Wallet</translation>
    </message>
    <message>
        <source>&amp;New wallet...</source>
        <translation>&amp;Neue Wallet …</translation>
    </message>
    <message>
        <source>&amp;Restore wallet...</source>
        <translation>Wallet &amp;wiederherstellen …</translation>
    </message>
    <message>
        <source>&amp;Open wallet...</source>
        <translation>Wallet ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>&amp;Send...</source>
        <translation>S&amp;enden …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Mixing</source>
        <translation>Mi&amp;schen</translation>
    </message>
    <message>
        <source>&amp;Tx0: make premix coins...</source>
        <translation>&amp;Tx0: Premix-Münzen erstellen …</translation>
    </message>
    <message>
        <source>Start &amp;all</source>
        <translation>&amp;Alle starten</translation>
    </message>
    <message>
        <source>Sto&amp;p all</source>
        <translation>Alle an&amp;halten</translation>
    </message>
    <message>
        <source>Start mixing this &amp;coin</source>
        <translation>Diese Münze &amp;mischen</translation>
    </message>
    <message>
        <source>Stop mixing this c&amp;oin</source>
        <translation>Mischen dieser Münze a&amp;nhalten</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>Einstellu&amp;ngen</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Not connected to a coordinator instance</source>
        <translation>Mit keiner Koordinator-Instanz verbunden</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Node: not checked yet</source>
        <translation>Node: noch nicht geprüft</translation>
    </message>
    <message>
        <source>Rec&amp;eive...</source>
        <translation>Empfan&amp;gen …</translation>
    </message>
    <message>
        <source>No wallet is open. Wallet → New wallet creates one; Wallet → Restore wallet brings one back from its recovery words; Wallet → Open wallet opens a wallet file.</source>
        <translation>Es ist keine Wallet geöffnet. Wallet → Neue Wallet erstellt eine; Wallet → Wallet wiederherstellen holt eine mit ihren Wiederherstellungswörtern zurück; Wallet → Wallet öffnen öffnet eine Wallet-Datei.</translation>
    </message>
    <message>
        <source>No coin to mix yet. Wallet → Receive gives the address to send bitcoin to. Once the deposit has a confirmation, Mixing → Tx0 makes premix coins of it: they show up here and mix by themselves.</source>
        <translation>Noch keine Münze zum Mischen. Wallet → Empfangen zeigt die Adresse, an die Sie Bitcoin senden. Sobald die Einzahlung eine Bestätigung hat, macht Mischen → Tx0 daraus Premix-Münzen: Sie erscheinen hier und mischen von selbst.</translation>
    </message>
</context>
<context>
    <name>wp::gui::MixChart</name>
    <message>
        <source>Mixes per day</source>
        <translation>Mixe pro Tag</translation>
    </message>
    <message>
        <source>Total mixes over time</source>
        <translation>Mixe insgesamt im Zeitverlauf</translation>
    </message>
    <message>
        <source>Mixes in the last %1 days: %2. Mixes in total: %3.</source>
        <translation>Mixe in den letzten %1 Tagen: %2. Mixe insgesamt: %3.</translation>
    </message>
    <message>
        <source>No mixes yet</source>
        <translation>Noch keine Mixe</translation>
    </message>
</context>
<context>
    <name>wp::gui::MixHistoryWidget</name>
    <message>
        <source>Remix (mix %1)</source>
        <translation>Remix (Mix %1)</translation>
    </message>
    <message>
        <source>First mix</source>
        <translation>Erster Mix</translation>
    </message>
    <message>
        <source>Mixes: %1 in total, %2 today, %3 in the last 7 days; remixes: %4.</source>
        <translation>Mixe: %1 insgesamt, %2 heute, %3 in den letzten 7 Tagen; Remixe: %4.</translation>
    </message>
    <message>
        <source>Mixes per day</source>
        <translation>Mixe pro Tag</translation>
    </message>
    <message>
        <source>Total mixes over time</source>
        <translation>Mixe insgesamt im Zeitverlauf</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <source>Mix history</source>
        <translation>Mix-Verlauf</translation>
    </message>
    <message>
        <source>&amp;Copy transaction id</source>
        <translation>Transaktions-ID &amp;kopieren</translation>
    </message>
    <message>
        <source>Char&amp;t:</source>
        <translation>&amp;Diagramm:</translation>
    </message>
</context>
<context>
    <name>wp::gui::NewWalletDialog</name>
    <message>
        <source>Write the words down first, then tick the box.</source>
        <translation>Schreiben Sie zuerst die Wörter auf und setzen Sie dann das Häkchen.</translation>
    </message>
    <message>
        <source>Word #%1 is not the word shown on the previous page. Go back and check what you wrote down.</source>
        <translation>Wort Nr. %1 ist nicht das Wort von der vorigen Seite. Gehen Sie zurück und prüfen Sie Ihre Notiz.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Die beiden Passphrasen sind verschieden.</translation>
    </message>
    <message>
        <source>New wallet</source>
        <translation>Neue Wallet</translation>
    </message>
    <message>
        <source>Step 1 of 3: your recovery words</source>
        <translation>Schritt 1 von 3: Ihre Wiederherstellungswörter</translation>
    </message>
    <message>
        <source>Step 2 of 3: check the words</source>
        <translation>Schritt 2 von 3: Wörter prüfen</translation>
    </message>
    <message>
        <source>Step 3 of 3: protect the wallet file</source>
        <translation>Schritt 3 von 3: Wallet-Datei schützen</translation>
    </message>
    <message>
        <source>These 12 words are your wallet. Write them on paper, in this order.</source>
        <translation>Diese 12 Wörter sind Ihre Wallet. Schreiben Sie sie in dieser Reihenfolge auf Papier.</translation>
    </message>
    <message>
        <source>Keep them offline and private: anyone who sees them can take your coins. Without them, a lost or damaged wallet file cannot be recovered. Never type them into a website.</source>
        <translation>Bewahren Sie sie offline und geheim auf: Wer sie sieht, kann Ihre Münzen nehmen. Ohne sie lässt sich eine verlorene oder beschädigte Wallet-Datei nicht wiederherstellen. Geben Sie sie nie auf einer Website ein.</translation>
    </message>
    <message>
        <source>I have &amp;written down the 12 words</source>
        <translation>Ich habe die 12 Wörter &amp;aufgeschrieben</translation>
    </message>
    <message>
        <source>Type these words from your paper copy, to be sure it is complete and readable.</source>
        <translation>Geben Sie diese Wörter von Ihrer Papierkopie ein, um sicherzugehen, dass sie vollständig und lesbar ist.</translation>
    </message>
    <message>
        <source>Word #%1:</source>
        <translation>Wort Nr. %1:</translation>
    </message>
    <message>
        <source>The passphrase becomes part of the seed: the 12 words alone will NOT restore this wallet. Write it down too; it cannot be changed or recovered.</source>
        <translation>Die Passphrase wird Teil des Seeds: Die 12 Wörter allein stellen diese Wallet NICHT wieder her. Schreiben Sie sie ebenfalls auf; sie kann weder geändert noch wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>Pa&amp;ssphrase:</source>
        <translation>Pa&amp;ssphrase:</translation>
    </message>
    <message>
        <source>Repeat p&amp;assphrase:</source>
        <translation>Passphrase wiederho&amp;len:</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Create wallet</source>
        <translation>Wallet &amp;erstellen</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Type the passphrase twice, or untick the passphrase option.</source>
        <translation>Geben Sie die Passphrase zweimal ein oder entfernen Sie das Häkchen bei der Passphrase.</translation>
    </message>
    <message>
        <source>Add a BIP39 passp&amp;hrase (advanced)</source>
        <translation>BIP39-Passphrase &amp;hinzufügen (für Fortgeschrittene)</translation>
    </message>
</context>
<context>
    <name>wp::gui::PasswordFields</name>
    <message>
        <source>Choose a password to encrypt the wallet file.</source>
        <translation>Wählen Sie ein Passwort, um die Wallet-Datei zu verschlüsseln.</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>Das Passwort braucht mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter sind verschieden.</translation>
    </message>
    <message>
        <source>Too short</source>
        <translation>Zu kurz</translation>
    </message>
    <message>
        <source>Weak: easy to guess for someone who gets the wallet file</source>
        <translation>Schwach: leicht zu erraten für jemanden, der an die Wallet-Datei kommt</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Stark</translation>
    </message>
    <message>
        <source>It encrypts the wallet file on this computer. A long sentence is easy to remember and hard to guess.</source>
        <translation>Es verschlüsselt die Wallet-Datei auf diesem Computer. Ein langer Satz ist leicht zu merken und schwer zu erraten.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>Passwort wie&amp;derholen:</translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation>Passwortstärke</translation>
    </message>
</context>
<context>
    <name>wp::gui::PoolsModel</name>
    <message>
        <source>Waiting for participants</source>
        <translation>Warte auf Teilnehmer</translation>
    </message>
    <message>
        <source>Registering outputs</source>
        <translation>Ausgänge werden registriert</translation>
    </message>
    <message>
        <source>Round failed, checking who left</source>
        <translation>Runde gescheitert, prüfe, wer gegangen ist</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>Signieren</translation>
    </message>
    <message>
        <source>Mix succeeded</source>
        <translation>Mix erfolgreich</translation>
    </message>
    <message>
        <source>Mix failed</source>
        <translation>Mix gescheitert</translation>
    </message>
    <message>
        <source>Paid once to the coordinator in the Tx0; remixes are free.</source>
        <translation>Einmal im Tx0 an den Koordinator gezahlt; Remixe sind kostenlos.</translation>
    </message>
    <message>
        <source>Each mix has %1 inputs and %1 outputs of %2 (at least %3 of them new coins).</source>
        <translation>Jeder Mix hat %1 Eingänge und %1 Ausgänge zu %2 (davon mindestens %3 neue Münzen).</translation>
    </message>
    <message>
        <source>Coins registered and waiting in this pool: %1. Confirmed in the current mix: %2.</source>
        <translation>Registrierte und wartende Münzen in diesem Pool: %1. Im aktuellen Mix bestätigt: %2.</translation>
    </message>
    <message>
        <source>Current mix: %1 (%2), running for %3.</source>
        <translation>Aktueller Mix: %1 (%2), läuft seit %3.</translation>
    </message>
    <message>
        <source>The instance of the cluster that mixes this pool. If it fails, another instance takes the pool over and clients follow.</source>
        <translation>Die Instanz des Clusters, die diesen Pool mischt. Fällt sie aus, übernimmt eine andere Instanz den Pool, und die Clients folgen.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>Denomination</source>
        <translation>Stückelung</translation>
    </message>
    <message>
        <source>Pool fee</source>
        <translation>Pool-Gebühr</translation>
    </message>
    <message>
        <source>Anonymity set</source>
        <translation>Anonymitätsmenge</translation>
    </message>
    <message>
        <source>Waiting coins</source>
        <translation>Wartende Münzen</translation>
    </message>
    <message>
        <source>Mix status</source>
        <translation>Mix-Status</translation>
    </message>
    <message>
        <source>Owner instance</source>
        <translation>Besitzende Instanz</translation>
    </message>
</context>
<context>
    <name>wp::gui::PoolsWidget</name>
    <message>
        <source>Could not fetch the pools: %1.</source>
        <translation>Die Pools konnten nicht abgerufen werden: %1.</translation>
    </message>
    <message>
        <source>Showing the pools of %1.</source>
        <translation>Angezeigt werden die Pools vom %1.</translation>
    </message>
    <message>
        <source>Pools: %1, updated %2.</source>
        <translation>Pools: %1, aktualisiert %2.</translation>
    </message>
    <message>
        <source>Pools: %1, from instance %2 at %3.</source>
        <translation>Pools: %1, von Instanz %2 am %3.</translation>
    </message>
    <message>
        <source>No pools yet: the app asks the cluster once it is configured in Settings.</source>
        <translation>Noch keine Pools: Die App fragt den Cluster, sobald er in den Einstellungen eingerichtet ist.</translation>
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
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Send only bitcoin (mainnet) to this &amp;address:</source>
        <translation>Senden Sie nur Bitcoin (Mainnet) an diese &amp;Adresse:</translation>
    </message>
    <message>
        <source>Send only testnet bitcoin to this &amp;address:</source>
        <translation>Senden Sie nur Testnet-Bitcoin an diese &amp;Adresse:</translation>
    </message>
    <message>
        <source>Send only regtest bitcoin to this &amp;address:</source>
        <translation>Senden Sie nur Regtest-Bitcoin an diese &amp;Adresse:</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>The coins show up in the Deposit account. Once they have a confirmation, a Tx0 (Mixing → Tx0) turns them into premix coins, which mix by themselves. Each payer should get a new address.</source>
        <translation>Die Münzen erscheinen im Einzahlungskonto. Sobald sie eine Bestätigung haben, macht ein Tx0 (Mischen → Tx0) daraus Premix-Münzen, die von selbst mischen. Jeder Zahler sollte eine neue Adresse bekommen.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;New address</source>
        <translation>&amp;Neue Adresse</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>wp::gui::RestoreWalletDialog</name>
    <message>
        <source>Type the 12 to 24 recovery words, separated by spaces.</source>
        <translation>Geben Sie die 12 bis 24 Wiederherstellungswörter ein, durch Leerzeichen getrennt.</translation>
    </message>
    <message>
        <source>Word %1 (&quot;%2&quot;) is not a BIP39 English word: check its spelling.</source>
        <translation>Wort %1 („%2“) ist kein englisches BIP39-Wort: Prüfen Sie die Schreibweise.</translation>
    </message>
    <message>
        <source>%1 words typed: a recovery phrase has 12, 15, 18, 21 or 24 words.</source>
        <translation>%1 Wörter eingegeben: Eine Wiederherstellungsphrase hat 12, 15, 18, 21 oder 24 Wörter.</translation>
    </message>
    <message>
        <source>Every word is known, but the checksum does not match: a word is wrong or two are swapped.</source>
        <translation>Alle Wörter sind bekannt, aber die Prüfsumme stimmt nicht: Ein Wort ist falsch oder zwei sind vertauscht.</translation>
    </message>
    <message>
        <source>Valid recovery phrase (%1 words).</source>
        <translation>Gültige Wiederherstellungsphrase (%1 Wörter).</translation>
    </message>
    <message>
        <source>Restore wallet</source>
        <translation>Wallet wiederherstellen</translation>
    </message>
    <message>
        <source>Type the recovery words of an existing wallet. The app then scans the chain for its coins.</source>
        <translation>Geben Sie die Wiederherstellungswörter einer bestehenden Wallet ein. Die App durchsucht dann die Blockchain nach ihren Münzen.</translation>
    </message>
    <message>
        <source>Recovery &amp;words:</source>
        <translation>Wiederherstellungs&amp;wörter:</translation>
    </message>
    <message>
        <source>Pa&amp;ssphrase:</source>
        <translation>Pa&amp;ssphrase:</translation>
    </message>
    <message>
        <source>only if the wallet has one</source>
        <translation>nur, wenn die Wallet eine hat</translation>
    </message>
    <message>
        <source>Created at &amp;block:</source>
        <translation>Erstellt bei &amp;Block:</translation>
    </message>
    <message>
        <source>unknown (scan from the start of Whirlpool)</source>
        <translation>unbekannt (ab dem Start von Whirlpool durchsuchen)</translation>
    </message>
    <message>
        <source>The block height when the wallet was created, if you know it: scanning starts there and ends sooner.</source>
        <translation>Die Blockhöhe bei der Erstellung der Wallet, falls bekannt: Die Suche beginnt dort und ist früher fertig.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>Wieder&amp;herstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>wp::gui::SendDialog</name>
    <message>
        <source>mainnet</source>
        <translation>Mainnet</translation>
    </message>
    <message>
        <source>testnet</source>
        <translation>Testnet</translation>
    </message>
    <message>
        <source>regtest</source>
        <translation>Regtest</translation>
    </message>
    <message>
        <source>This address uses a future segwit version this wallet does not send to.</source>
        <translation>Diese Adresse nutzt eine künftige SegWit-Version, an die diese Wallet nicht sendet.</translation>
    </message>
    <message>
        <source>This is a %1 address; this wallet is on %2.</source>
        <translation>Dies ist eine %1-Adresse; diese Wallet ist im %2.</translation>
    </message>
    <message>
        <source>Not a valid bitcoin address: %1</source>
        <translation>Keine gültige Bitcoin-Adresse: %1</translation>
    </message>
    <message>
        <source>Enter the destination address.</source>
        <translation>Geben Sie die Zieladresse ein.</translation>
    </message>
    <message>
        <source>Enter an amount, or tick &quot;Send all&quot;.</source>
        <translation>Geben Sie einen Betrag ein oder wählen Sie „Alles senden“.</translation>
    </message>
    <message>
        <source>The amount is not a number of bitcoin with at most 8 decimals.</source>
        <translation>Der Betrag ist keine Bitcoin-Zahl mit höchstens 8 Nachkommastellen.</translation>
    </message>
    <message>
        <source>The amount is below the dust limit (%1).</source>
        <translation>Der Betrag liegt unter der Dust-Grenze (%1).</translation>
    </message>
    <message>
        <source>The amount is more than the %1 available.</source>
        <translation>Der Betrag übersteigt die verfügbaren %1.</translation>
    </message>
    <message>
        <source>The fee rate must be between %1 and %2 sat/vB.</source>
        <translation>Die Gebührenrate muss zwischen %1 und %2 sat/vB liegen.</translation>
    </message>
    <message>
        <source>Recipient gets:</source>
        <translation>Empfänger erhält:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>Miner fee:</source>
        <translation>Miner-Gebühr:</translation>
    </message>
    <message>
        <source>%1 (%2 sat/vB, about %3 vB)</source>
        <translation>%1 (%2 sat/vB, etwa %3 vB)</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>Wechselgeld:</translation>
    </message>
    <message>
        <source>%1 back to the postmix account</source>
        <translation>%1 zurück auf das Postmix-Konto</translation>
    </message>
    <message>
        <source>none (%1 too small to keep, added to the fee)</source>
        <translation>keines (%1 zu klein zum Behalten, der Gebühr zugeschlagen)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>Coins spent:</source>
        <translation>Ausgegebene Münzen:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Check the address on the device you got it from before you send.</source>
        <translation>Prüfen Sie die Adresse vor dem Senden auf dem Gerät, von dem Sie sie haben.</translation>
    </message>
    <message>
        <source>Send mixed coins</source>
        <translation>Gemischte Münzen senden</translation>
    </message>
    <message>
        <source>Available in postmix: %1</source>
        <translation>Verfügbar in Postmix: %1</translation>
    </message>
    <message>
        <source>&amp;Pay to:</source>
        <translation>&amp;Zahlen an:</translation>
    </message>
    <message>
        <source>bitcoin address</source>
        <translation>Bitcoin-Adresse</translation>
    </message>
    <message>
        <source>&amp;Amount (BTC):</source>
        <translation>&amp;Betrag (BTC):</translation>
    </message>
    <message>
        <source>Send a&amp;ll</source>
        <translation>&amp;Alles senden</translation>
    </message>
    <message>
        <source>Send every mixed coin, minus the fee, with no change</source>
        <translation>Alle gemischten Münzen senden, abzüglich der Gebühr, ohne Wechselgeld</translation>
    </message>
    <message>
        <source>&amp;Fee:</source>
        <translation>&amp;Gebühr:</translation>
    </message>
    <message>
        <source>This transaction will:</source>
        <translation>Diese Transaktion wird:</translation>
    </message>
    <message>
        <source>&amp;Sign and send</source>
        <translation>&amp;Signieren und senden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>wp::gui::SettingsDialog</name>
    <message>
        <source>Add at least one coordinator instance (Cluster tab).</source>
        <translation>Fügen Sie mindestens eine Koordinator-Instanz hinzu (Reiter Cluster).</translation>
    </message>
    <message>
        <source>instance %1</source>
        <translation>Instanz %1</translation>
    </message>
    <message>
        <source>%1 has no URL.</source>
        <translation>%1 hat keine URL.</translation>
    </message>
    <message>
        <source>The clearnet URL of %1 is not valid (http://host:port or https://host).</source>
        <translation>Die Clearnet-URL von %1 ist ungültig (http://host:port oder https://host).</translation>
    </message>
    <message>
        <source>The onion URL of %1 is not valid (http://….onion).</source>
        <translation>Die Onion-URL von %1 ist ungültig (http://….onion).</translation>
    </message>
    <message>
        <source>The operator address is not a valid address of this wallet&apos;s network.</source>
        <translation>Die Betreiberadresse ist keine gültige Adresse im Netzwerk dieser Wallet.</translation>
    </message>
    <message>
        <source>Onion URLs need a SOCKS5 proxy (Tor), usually 127.0.0.1 port 9050.</source>
        <translation>Onion-URLs brauchen einen SOCKS5-Proxy (Tor), meist 127.0.0.1 Port 9050.</translation>
    </message>
    <message>
        <source>&quot;Use onion&quot; is on, but no instance has an onion URL.</source>
        <translation>„Onion verwenden“ ist an, aber keine Instanz hat eine Onion-URL.</translation>
    </message>
    <message>
        <source>No instance has a clearnet URL: turn on &quot;Use onion&quot; or add one.</source>
        <translation>Keine Instanz hat eine Clearnet-URL: Schalten Sie „Onion verwenden“ ein oder fügen Sie eine hinzu.</translation>
    </message>
    <message>
        <source>Give the proxy&apos;s port.</source>
        <translation>Geben Sie den Port des Proxys an.</translation>
    </message>
    <message>
        <source>The node URL must look like http://127.0.0.1:8332 (Node tab).</source>
        <translation>Die Node-URL muss wie http://127.0.0.1:8332 aussehen (Reiter Node).</translation>
    </message>
    <message>
        <source>Default fees must go from fast (highest) to slow (lowest).</source>
        <translation>Die Standardgebühren müssen von schnell (höchste) bis langsam (niedrigste) reichen.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>&amp;Cluster</translation>
    </message>
    <message>
        <source>&amp;Node</source>
        <translation>&amp;Node</translation>
    </message>
    <message>
        <source>&amp;Mixing</source>
        <translation>&amp;Mischen</translation>
    </message>
    <message>
        <source>&amp;Fees</source>
        <translation>&amp;Gebühren</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Coordinator &amp;instances to start from. Any of them leads to the pools; the cluster&apos;s signed list adds the others.</source>
        <translation>Koordinator-&amp;Instanzen für den Start. Jede führt zu den Pools; die signierte Liste des Clusters ergänzt die übrigen.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Clearnet URL</source>
        <translation>Clearnet-URL</translation>
    </message>
    <message>
        <source>Onion URL</source>
        <translation>Onion-URL</translation>
    </message>
    <message>
        <source>&amp;Add instance</source>
        <translation>Instanz hin&amp;zufügen</translation>
    </message>
    <message>
        <source>&amp;Remove instance</source>
        <translation>Instanz &amp;entfernen</translation>
    </message>
    <message>
        <source>O&amp;perator address:</source>
        <translation>&amp;Betreiberadresse:</translation>
    </message>
    <message>
        <source>The address that signs the cluster&apos;s list of instances. Empty: only the instances above are used.</source>
        <translation>Die Adresse, die die Instanzliste des Clusters signiert. Leer: Nur die obigen Instanzen werden verwendet.</translation>
    </message>
    <message>
        <source>Use &amp;onion URLs (Tor)</source>
        <translation>&amp;Onion-URLs verwenden (Tor)</translation>
    </message>
    <message>
        <source>SOCKS5 pro&amp;xy:</source>
        <translation>SOCKS5-Pro&amp;xy:</translation>
    </message>
    <message>
        <source>none (direct connections)</source>
        <translation>keiner (direkte Verbindungen)</translation>
    </message>
    <message>
        <source>Por&amp;t:</source>
        <translation>Por&amp;t:</translation>
    </message>
    <message>
        <source>RPC &amp;URL:</source>
        <translation>RPC-&amp;URL:</translation>
    </message>
    <message>
        <source>RPC &amp;password:</source>
        <translation>RPC-&amp;Passwort:</translation>
    </message>
    <message>
        <source>Coins mixing at &amp;once:</source>
        <translation>Gleichzeitig mischende Mün&amp;zen:</translation>
    </message>
    <message>
        <source>Mix new premix coins &amp;automatically</source>
        <translation>Neue Premix-Münzen &amp;automatisch mischen</translation>
    </message>
    <message>
        <source>&amp;Remix mixed coins automatically (free)</source>
        <translation>Gemischte Münzen automatisch &amp;remixen (kostenlos)</translation>
    </message>
    <message>
        <source>Stop remixing af&amp;ter:</source>
        <translation>Remixen beenden nac&amp;h:</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source> mixes</source>
        <translation> Mixen</translation>
    </message>
    <message>
        <source>Fee rates used when the node cannot estimate them (regtest, a fresh node).</source>
        <translation>Gebührenraten, wenn der Node sie nicht schätzen kann (Regtest, ein frischer Node).</translation>
    </message>
    <message>
        <source>F&amp;ast:</source>
        <translation>Schne&amp;ll:</translation>
    </message>
    <message>
        <source>No&amp;rmal:</source>
        <translation>No&amp;rmal:</translation>
    </message>
    <message>
        <source>Slo&amp;w:</source>
        <translation>Langs&amp;am:</translation>
    </message>
    <message>
        <source> sat/vB</source>
        <translation> sat/vB</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Spr&amp;ache:</translation>
    </message>
    <message>
        <source>The language changes as soon as you press OK.</source>
        <translation>Die Sprache wechselt, sobald Sie OK drücken.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>RPC u&amp;ser:</source>
        <translation>RPC-Benu&amp;tzer:</translation>
    </message>
</context>
<context>
    <name>wp::gui::Tx0OrderDialog</name>
    <message>
        <source>No pool is offered by the coordinators now.</source>
        <translation>Die Koordinatoren bieten derzeit keinen Pool an.</translation>
    </message>
    <message>
        <source>Your confirmed deposit (%1) is too small for this pool: a coin needs %2, plus the pool fee %3.</source>
        <translation>Ihre bestätigte Einzahlung (%1) ist zu klein für diesen Pool: Eine Münze braucht %2, dazu kommt die Pool-Gebühr von %3.</translation>
    </message>
    <message>
        <source>Premix coins from your confirmed deposit (%1): at most %2, of %3 each. The next step shows the exact transaction and its fees before anything is signed.</source>
        <translation>Premix-Münzen aus Ihrer bestätigten Einzahlung (%1): höchstens %2, zu je %3. Der nächste Schritt zeigt die genaue Transaktion und ihre Gebühren, bevor etwas signiert wird.</translation>
    </message>
    <message>
        <source>Tx0: prepare coins for mixing</source>
        <translation>Tx0: Münzen zum Mischen vorbereiten</translation>
    </message>
    <message>
        <source>A Tx0 splits your deposit into coins of the pool&apos;s size, which then mix automatically.</source>
        <translation>Ein Tx0 teilt Ihre Einzahlung in Münzen in der Größe des Pools auf, die dann automatisch gemischt werden.</translation>
    </message>
    <message>
        <source>&amp;Pool:</source>
        <translation>&amp;Pool:</translation>
    </message>
    <message>
        <source>%1: coins of %2, pool fee %3</source>
        <translation>%1: Münzen zu %2, Pool-Gebühr %3</translation>
    </message>
    <message>
        <source>&amp;Miner fee:</source>
        <translation>&amp;Miner-Gebühr:</translation>
    </message>
    <message>
        <source>as many as possible</source>
        <translation>so viele wie möglich</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Maximum &amp;coins:</source>
        <translation>&amp;Höchstzahl an Münzen:</translation>
    </message>
    <message>
        <source>Send the change to the &amp;bad bank account</source>
        <translation>Wechselgeld auf das &amp;Bad-Bank-Konto senden</translation>
    </message>
    <message>
        <source>The change of a Tx0 is linked to your deposit. In the bad bank account it is kept apart, so it is never spent together with mixed coins by mistake.</source>
        <translation>Das Wechselgeld eines Tx0 ist mit Ihrer Einzahlung verknüpft. Auf dem Bad-Bank-Konto bleibt es getrennt und wird so nie versehentlich zusammen mit gemischten Münzen ausgegeben.</translation>
    </message>
    <message>
        <source>Pre&amp;view…</source>
        <translation>&amp;Vorschau …</translation>
    </message>
</context>
<context>
    <name>wp::gui::Tx0PreviewDialog</name>
    <message>
        <source>Tx0 preview</source>
        <translation>Tx0-Vorschau</translation>
    </message>
    <message>
        <source>Split your deposit into coins for the pool %1</source>
        <translation>Ihre Einzahlung in Münzen für den Pool %1 aufteilen</translation>
    </message>
    <message>
        <source>Pool:</source>
        <translation>Pool:</translation>
    </message>
    <message>
        <source>%1 (coins of %2)</source>
        <translation>%1 (Münzen zu %2)</translation>
    </message>
    <message>
        <source>Spent from deposit:</source>
        <translation>Aus der Einzahlung ausgegeben:</translation>
    </message>
    <message>
        <source>Premix coins:</source>
        <translation>Premix-Münzen:</translation>
    </message>
    <message>
        <source>%1 × %2 = %3</source>
        <translation>%1 × %2 = %3</translation>
    </message>
    <message>
        <source>Each coin is the pool&apos;s denomination plus its share of the miner fee of its first mix.</source>
        <translation>Jede Münze ist die Stückelung des Pools plus ihr Anteil an der Miner-Gebühr ihres ersten Mix.</translation>
    </message>
    <message>
        <source>Reserved for first-mix miner fees:</source>
        <translation>Reserviert für Miner-Gebühren des ersten Mix:</translation>
    </message>
    <message>
        <source>%1 (%2 per coin)</source>
        <translation>%1 (%2 pro Münze)</translation>
    </message>
    <message>
        <source>Pool fee:</source>
        <translation>Pool-Gebühr:</translation>
    </message>
    <message>
        <source>Paid once to the coordinator; remixes are free.</source>
        <translation>Einmal an den Koordinator gezahlt; Remixe sind kostenlos.</translation>
    </message>
    <message>
        <source>none (a decoy output of %1 returns to your wallet)</source>
        <translation>keine (ein Täuschungsausgang von %1 geht an Ihre Wallet zurück)</translation>
    </message>
    <message>
        <source>Tx0 miner fee:</source>
        <translation>Tx0-Miner-Gebühr:</translation>
    </message>
    <message>
        <source>%1 (%2 sat/vB, about %3 vB)</source>
        <translation>%1 (%2 sat/vB, etwa %3 vB)</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>Wechselgeld:</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 an %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>Total fees:</source>
        <translation>Gebühren gesamt:</translation>
    </message>
    <message>
        <source>%1 (%2 % of the amount spent)</source>
        <translation>%1 (%2 % des ausgegebenen Betrags)</translation>
    </message>
    <message>
        <source>Fees are more than %1 % of the amount: a larger deposit or a lower fee rate costs less.</source>
        <translation>Die Gebühren betragen mehr als %1 % des Betrags: Eine größere Einzahlung oder eine niedrigere Gebührenrate kostet weniger.</translation>
    </message>
    <message>
        <source>Once the Tx0 confirms, the premix coins join the pool and mix by themselves. The change is linked to the coins you spent: keep it apart from mixed coins.</source>
        <translation>Sobald der Tx0 bestätigt ist, treten die Premix-Münzen dem Pool bei und mischen von selbst. Das Wechselgeld ist mit den ausgegebenen Münzen verknüpft: Halten Sie es von gemischten Münzen fern.</translation>
    </message>
    <message>
        <source>&amp;Confirm and send</source>
        <translation>&amp;Bestätigen und senden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>wp::gui::UnlockDialog</name>
    <message>
        <source>Unlock wallet</source>
        <translation>Wallet entsperren</translation>
    </message>
    <message>
        <source>Type the password of the wallet &quot;%1&quot;.</source>
        <translation>Geben Sie das Passwort der Wallet „%1“ ein.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Checking the password</source>
        <translation>Passwort wird geprüft</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
</TS>
