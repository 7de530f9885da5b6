<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>wp::client::AppSettings</name>
    <message>
        <source>Enter the address of your bitcoin node (for example http://127.0.0.1:8332).</source>
        <translation>Escriba la dirección de su nodo de bitcoin (por ejemplo, http://127.0.0.1:8332).</translation>
    </message>
    <message>
        <source>The node address &apos;%1&apos; is not an http:// or https:// URL.</source>
        <translation>La dirección del nodo «%1» no es una URL http:// o https://.</translation>
    </message>
    <message>
        <source>Add at least one coordinator instance.</source>
        <translation>Añada al menos una instancia del coordinador.</translation>
    </message>
    <message>
        <source>At most %1 coordinator instances can be listed.</source>
        <translation>Se pueden indicar como máximo %1 instancias del coordinador.</translation>
    </message>
    <message>
        <source>Onion addresses need a Tor SOCKS5 proxy: enter its host and port (usually 127.0.0.1:9050).</source>
        <translation>Las direcciones onion necesitan un proxy SOCKS5 de Tor: indique su host y su puerto (normalmente 127.0.0.1:9050).</translation>
    </message>
    <message>
        <source>Enter the port of the SOCKS5 proxy.</source>
        <translation>Indique el puerto del proxy SOCKS5.</translation>
    </message>
    <message>
        <source>Coordinator list: %1</source>
        <translation>Lista de instancias del coordinador: %1</translation>
    </message>
    <message>
        <source>Coins mixing at once must be between 1 and %1.</source>
        <translation>El número de monedas mezclando a la vez debe estar entre 1 y %1.</translation>
    </message>
    <message>
        <source>The remix target cannot be negative.</source>
        <translation>El objetivo de remezcla no puede ser negativo.</translation>
    </message>
    <message>
        <source>Default fee rates must be between %1 and %2 sat/vB, fast at least normal, normal at least slow.</source>
        <translation>Las tasas de comisión predeterminadas deben estar entre %1 y %2 sat/vB; la rápida al menos igual a la normal y la normal al menos igual a la lenta.</translation>
    </message>
</context>
<context>
    <name>wp::client::AppText</name>
    <message>
        <source>The wallet file cannot be read or written. Check the folder&apos;s permissions and free space.</source>
        <translation>No se puede leer ni escribir el archivo del monedero. Compruebe los permisos de la carpeta y el espacio libre.</translation>
    </message>
    <message>
        <source>There is no wallet file there.</source>
        <translation>Ahí no hay ningún archivo de monedero.</translation>
    </message>
    <message>
        <source>A file already exists there; it was left untouched. Choose another name.</source>
        <translation>Ya existe un archivo ahí; no se ha modificado. Elija otro nombre.</translation>
    </message>
    <message>
        <source>The wallet file is damaged. Restore the wallet from its recovery words.</source>
        <translation>El archivo del monedero está dañado. Restaure el monedero con sus palabras de recuperación.</translation>
    </message>
    <message>
        <source>This wallet file was written by a newer version of the app. Update the app to open it.</source>
        <translation>Este archivo de monedero lo escribió una versión más reciente de la aplicación. Actualice la aplicación para abrirlo.</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Contraseña incorrecta.</translation>
    </message>
    <message>
        <source>The wallet file was changed by another program, so it was not overwritten. Lock and open the wallet again.</source>
        <translation>Otro programa modificó el archivo del monedero, así que no se sobrescribió. Bloquee el monedero y vuelva a abrirlo.</translation>
    </message>
    <message>
        <source>The wallet cannot be saved with these values.</source>
        <translation>El monedero no se puede guardar con estos valores.</translation>
    </message>
    <message>
        <source>Choose at least one confirmed deposit coin.</source>
        <translation>Elija al menos una moneda de depósito confirmada.</translation>
    </message>
    <message>
        <source>One of the chosen coins cannot be used.</source>
        <translation>Una de las monedas elegidas no se puede usar.</translation>
    </message>
    <message>
        <source>A mined coin can be spent only after 100 confirmations.</source>
        <translation>Una moneda minada solo se puede gastar tras 100 confirmaciones.</translation>
    </message>
    <message>
        <source>The fee rate is out of range.</source>
        <translation>La tasa de comisión está fuera del rango permitido.</translation>
    </message>
    <message>
        <source>The coordinator sent pool data this wallet does not accept; nothing was spent.</source>
        <translation>El coordinador envió datos del pool que este monedero no acepta; no se gastó nada.</translation>
    </message>
    <message>
        <source>The mix fee reserved per coin would be too high; choose a lower fee.</source>
        <translation>La comisión de mezcla reservada por moneda sería demasiado alta; elija una comisión más baja.</translation>
    </message>
    <message>
        <source>Not enough funds for this pool.</source>
        <translation>No hay fondos suficientes para este pool.</translation>
    </message>
    <message>
        <source>The change would be too small to spend later; add or remove a coin.</source>
        <translation>El cambio sería demasiado pequeño para gastarlo después; añada o quite una moneda.</translation>
    </message>
    <message>
        <source>The wallet could not sign the transaction.</source>
        <translation>El monedero no pudo firmar la transacción.</translation>
    </message>
    <message>
        <source>Choose at least one coin to spend.</source>
        <translation>Elija al menos una moneda para gastar.</translation>
    </message>
    <message>
        <source>One of the chosen coins cannot be spent from here.</source>
        <translation>Una de las monedas elegidas no se puede gastar desde aquí.</translation>
    </message>
    <message>
        <source>That is not a bitcoin address this wallet can send to.</source>
        <translation>No es una dirección de bitcoin a la que este monedero pueda enviar.</translation>
    </message>
    <message>
        <source>That address belongs to another bitcoin network.</source>
        <translation>Esa dirección pertenece a otra red de bitcoin.</translation>
    </message>
    <message>
        <source>The amount is not valid.</source>
        <translation>El importe no es válido.</translation>
    </message>
    <message>
        <source>The amount is too small to be sent.</source>
        <translation>El importe es demasiado pequeño para enviarlo.</translation>
    </message>
    <message>
        <source>The wallet has not synced with the node yet.</source>
        <translation>El monedero aún no se ha sincronizado con el nodo.</translation>
    </message>
    <message>
        <source>Not enough funds in the chosen coins.</source>
        <translation>Las monedas elegidas no tienen fondos suficientes.</translation>
    </message>
    <message>
        <source>Too many coins for one transaction; spend fewer at a time.</source>
        <translation>Demasiadas monedas para una sola transacción; gaste menos a la vez.</translation>
    </message>
    <message>
        <source>The node did not accept the transaction (a coin may already be spent, or the fee is too low). Nothing was sent.</source>
        <translation>El nodo no aceptó la transacción (puede que una moneda ya esté gastada o que la comisión sea demasiado baja). No se envió nada.</translation>
    </message>
    <message>
        <source>The node could not be reached, so the transaction was not sent.</source>
        <translation>No se pudo contactar con el nodo, así que la transacción no se envió.</translation>
    </message>
    <message>
        <source>The node refused the transaction; nothing was sent.</source>
        <translation>El nodo rechazó la transacción; no se envió nada.</translation>
    </message>
    <message>
        <source>Cannot sync with the bitcoin node: balances may be out of date. Check the node settings; retrying by itself.</source>
        <translation>No se puede sincronizar con el nodo de bitcoin: los saldos pueden estar desactualizados. Compruebe la configuración del nodo; se reintenta automáticamente.</translation>
    </message>
    <message>
        <source>Connected to coordinator %1</source>
        <translation>Conectado al coordinador %1</translation>
    </message>
    <message>
        <source>Redirected to %1, the coordinator that runs the pool</source>
        <translation>Redirigido a %1, el coordinador que gestiona el pool</translation>
    </message>
    <message>
        <source>Refused a redirect to %1: it is not a known instance of this cluster</source>
        <translation>Redirección a %1 rechazada: no es una instancia conocida de este clúster</translation>
    </message>
    <message>
        <source>Coordinator %1 cannot be reached</source>
        <translation>No se puede contactar con el coordinador %1</translation>
    </message>
    <message>
        <source>Switching to coordinator %1</source>
        <translation>Cambiando al coordinador %1</translation>
    </message>
    <message>
        <source>The cluster&apos;s signed instance list was updated</source>
        <translation>La lista firmada de instancias del clúster se actualizó</translation>
    </message>
    <message>
        <source>The cluster&apos;s instance list was not accepted</source>
        <translation>La lista de instancias del clúster no se aceptó</translation>
    </message>
    <message>
        <source>Deposit coins enter a pool through a Tx0.</source>
        <translation>Las monedas de depósito entran en un pool mediante un Tx0.</translation>
    </message>
    <message>
        <source>A mined coin: it can move after 100 confirmations.</source>
        <translation>Una moneda minada: se puede mover tras 100 confirmaciones.</translation>
    </message>
    <message>
        <source>Change of a payment from mixed coins: not a mix output, so it does not remix.</source>
        <translation>Cambio de un pago con monedas mezcladas: no es una salida de mezcla, así que no se remezcla.</translation>
    </message>
    <message>
        <source>Waiting for the coordinators&apos; list of pools.</source>
        <translation>Esperando la lista de pools de los coordinadores.</translation>
    </message>
    <message>
        <source>Its value fits no pool the coordinators offer now.</source>
        <translation>Su valor no encaja en ningún pool que ofrezcan ahora los coordinadores.</translation>
    </message>
    <message>
        <source>Change of a Tx0: it is linked to your deposit, so it never mixes. Spend it separately.</source>
        <translation>Cambio de un Tx0: está vinculado a su depósito, así que nunca se mezcla. Gástelo por separado.</translation>
    </message>
    <message>
        <source>Waiting for confirmations: a mix needs at least %1.</source>
        <translation>Esperando confirmaciones: una mezcla necesita al menos %1.</translation>
    </message>
</context>
<context>
    <name>wp::client::MixOrchestrator</name>
    <message>
        <source>%1; trying again in %2 s</source>
        <translation>%1; nuevo intento en %2 s</translation>
    </message>
    <message>
        <source>Mixing stopped.</source>
        <translation>Mezcla detenida.</translation>
    </message>
    <message>
        <source>The mix round failed (another participant left or was too slow). Nobody took your coin.</source>
        <translation>La ronda de mezcla falló (otro participante se fue o fue demasiado lento). Nadie se llevó su moneda.</translation>
    </message>
    <message>
        <source>Nothing to do: it joins the next round.</source>
        <translation>Nada que hacer: se une a la siguiente ronda.</translation>
    </message>
    <message>
        <source>No coordinator instance could be reached.</source>
        <translation>No se pudo contactar con ninguna instancia del coordinador.</translation>
    </message>
    <message>
        <source>Check your internet connection or Tor proxy in Settings; retrying by itself.</source>
        <translation>Compruebe su conexión a internet o el proxy Tor en la configuración; se reintenta automáticamente.</translation>
    </message>
    <message>
        <source>The coordinator has banned this coin for a while: %1</source>
        <translation>El coordinador ha bloqueado esta moneda durante un tiempo: %1</translation>
    </message>
    <message>
        <source>Coins are banned after they disappear from mixes several times (closed app, lost connection during signing). Keep the app online while mixing; retrying later.</source>
        <translation>Las monedas se bloquean cuando abandonan varias mezclas (aplicación cerrada, conexión perdida durante la firma). Mantenga la aplicación en línea mientras mezcla; se reintentará más tarde.</translation>
    </message>
    <message>
        <source>The coordinator refused this coin: %1</source>
        <translation>El coordinador rechazó esta moneda: %1</translation>
    </message>
    <message>
        <source>If the coin is unconfirmed, wait for a confirmation; retrying by itself.</source>
        <translation>Si la moneda no está confirmada, espere una confirmación; se reintenta automáticamente.</translation>
    </message>
    <message>
        <source>This coordinator speaks another protocol version.</source>
        <translation>Este coordinador usa otra versión del protocolo.</translation>
    </message>
    <message>
        <source>Update the app.</source>
        <translation>Actualice la aplicación.</translation>
    </message>
    <message>
        <source>The coordinator showed this coin another mix key than the one it publishes: this could be an attempt to identify you. The coin was not mixed.</source>
        <translation>El coordinador mostró a esta moneda una clave de mezcla distinta de la que publica: podría ser un intento de identificarle. La moneda no se mezcló.</translation>
    </message>
    <message>
        <source>Mixing of this coin is paused for your safety. Start it again only if it keeps happening nowhere else, and tell the operator.</source>
        <translation>La mezcla de esta moneda está en pausa por su seguridad. Reiníciela solo si no vuelve a ocurrir en ningún otro sitio, y avise al operador.</translation>
    </message>
    <message>
        <source>The pool&apos;s network, denomination or fees differ from what this coin was made for.</source>
        <translation>La red, la denominación o las comisiones del pool no corresponden a esta moneda.</translation>
    </message>
    <message>
        <source>Check the bootstrap list in Settings (wrong network or a foreign coordinator?).</source>
        <translation>Compruebe la lista de inicio en la configuración (¿red equivocada o coordinador ajeno?).</translation>
    </message>
    <message>
        <source>The coordinator proposed a mix transaction that does not pay you correctly, so it was not signed. Your coin is safe.</source>
        <translation>El coordinador propuso una transacción de mezcla que no le paga correctamente, por lo que no se firmó. Su moneda está a salvo.</translation>
    </message>
    <message>
        <source>Mixing of this coin is paused; start it again to retry.</source>
        <translation>La mezcla de esta moneda está en pausa; reiníciela para reintentar.</translation>
    </message>
    <message>
        <source>The wallet could not complete the mix: %1</source>
        <translation>El monedero no pudo completar la mezcla: %1</translation>
    </message>
    <message>
        <source>Retrying by itself; if it persists, restart the app.</source>
        <translation>Se reintenta automáticamente; si persiste, reinicie la aplicación.</translation>
    </message>
    <message>
        <source>Waiting for a free mixing slot</source>
        <translation>Esperando un hueco de mezcla libre</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenida</translation>
    </message>
    <message>
        <source>Mixed: the new coin appears after the next sync</source>
        <translation>Mezclada: la nueva moneda aparece tras la próxima sincronización</translation>
    </message>
    <message>
        <source>%1 mixed in %2</source>
        <translation>%1 mezclada en %2</translation>
    </message>
    <message>
        <source>Needs your attention</source>
        <translation>Requiere su atención</translation>
    </message>
    <message>
        <source>%1 paused: %2</source>
        <translation>%1 en pausa: %2</translation>
    </message>
    <message>
        <source>Retrying in %1 s</source>
        <translation>Nuevo intento en %1 s</translation>
    </message>
    <message>
        <source>%1 failed: %2 Retrying in %3 s.</source>
        <translation>%1 falló: %2 Nuevo intento en %3 s.</translation>
    </message>
    <message>
        <source>connecting...</source>
        <translation>conectando…</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>conectado</translation>
    </message>
    <message>
        <source>registered input</source>
        <translation>entrada registrada</translation>
    </message>
    <message>
        <source>waiting for a mix...</source>
        <translation>esperando una mezcla…</translation>
    </message>
    <message>
        <source>joined a mix!</source>
        <translation>¡unida a una mezcla!</translation>
    </message>
    <message>
        <source>registering output</source>
        <translation>registrando salida</translation>
    </message>
    <message>
        <source>registered output</source>
        <translation>salida registrada</translation>
    </message>
    <message>
        <source>round aborted</source>
        <translation>ronda cancelada</translation>
    </message>
    <message>
        <source>signing</source>
        <translation>firmando</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>firmada</translation>
    </message>
    <message>
        <source>mix success</source>
        <translation>mezcla completada</translation>
    </message>
    <message>
        <source>mix failed</source>
        <translation>mezcla fallida</translation>
    </message>
</context>
<context>
    <name>wp::client::WalletController</name>
    <message>
        <source>No wallet is open.</source>
        <translation>No hay ningún monedero abierto.</translation>
    </message>
    <message>
        <source>Lock the open wallet first.</source>
        <translation>Bloquee primero el monedero abierto.</translation>
    </message>
    <message>
        <source>Choose where to save the wallet file.</source>
        <translation>Elija dónde guardar el archivo del monedero.</translation>
    </message>
    <message>
        <source>The recovery words are not valid: %1</source>
        <translation>Las palabras de recuperación no son válidas: %1</translation>
    </message>
    <message>
        <source>Choose a password to protect the wallet file.</source>
        <translation>Elija una contraseña para proteger el archivo del monedero.</translation>
    </message>
    <message>
        <source>A file already exists at %1; choose another name.</source>
        <translation>Ya existe un archivo en %1; elija otro nombre.</translation>
    </message>
    <message>
        <source>The new wallet needs the node&apos;s current height as its starting point: %1</source>
        <translation>El nuevo monedero necesita la altura de bloque actual del nodo como punto de partida: %1</translation>
    </message>
    <message>
        <source>Cannot read the current block height from the node, which the new wallet needs as its starting point. Check the node settings. (%1)</source>
        <translation>No se puede leer del nodo la altura de bloque actual, que el nuevo monedero necesita como punto de partida. Compruebe la configuración del nodo. (%1)</translation>
    </message>
    <message>
        <source>The wallet&apos;s keys cannot be derived: %1</source>
        <translation>No se pueden derivar las claves del monedero: %1</translation>
    </message>
    <message>
        <source>Wallet opened (%1); scanning the chain from block %2</source>
        <translation>Monedero abierto (%1); buscando en la cadena desde el bloque %2</translation>
    </message>
    <message>
        <source>The settings saved in the wallet could not be read; the current ones are used.</source>
        <translation>No se pudo leer la configuración guardada en el monedero; se usa la actual.</translation>
    </message>
    <message>
        <source>The wallet was locked before this finished. If a transaction was being sent, check the wallet&apos;s coins after opening it again.</source>
        <translation>El monedero se bloqueó antes de que esto terminara. Si se estaba enviando una transacción, compruebe las monedas del monedero después de volver a abrirlo.</translation>
    </message>
    <message>
        <source>Open a wallet first.</source>
        <translation>Abra primero un monedero.</translation>
    </message>
    <message>
        <source>A password change is already running.</source>
        <translation>Ya hay un cambio de contraseña en curso.</translation>
    </message>
    <message>
        <source>The new password must not be empty.</source>
        <translation>La nueva contraseña no puede estar vacía.</translation>
    </message>
    <message>
        <source>The wallet password was changed.</source>
        <translation>Se cambió la contraseña del monedero.</translation>
    </message>
    <message>
        <source>Wait until the wallet is open.</source>
        <translation>Espere a que el monedero esté abierto.</translation>
    </message>
    <message>
        <source>Wait until the transaction being sent is done.</source>
        <translation>Espere a que termine de enviarse la transacción en curso.</translation>
    </message>
    <message>
        <source>Settings changed.</source>
        <translation>Configuración modificada.</translation>
    </message>
    <message>
        <source>In step with the bitcoin node again (block %1).</source>
        <translation>De nuevo sincronizado con el nodo de bitcoin (bloque %1).</translation>
    </message>
    <message>
        <source>Mixing is not possible: %1</source>
        <translation>No es posible mezclar: %1</translation>
    </message>
    <message>
        <source>Cancelled: the coordinator settings changed.</source>
        <translation>Cancelado: la configuración del coordinador cambió.</translation>
    </message>
    <message>
        <source>No coordinator instance answered; trying again in %1 s. (%2)</source>
        <translation>Ninguna instancia del coordinador respondió; nuevo intento en %1 s. (%2)</translation>
    </message>
    <message>
        <source>Pool %1 is now run by %2.</source>
        <translation>El pool %1 ahora lo gestiona %2.</translation>
    </message>
    <message>
        <source>Pool %1 has no coordinator right now; another instance takes it over within seconds.</source>
        <translation>El pool %1 no tiene coordinador en este momento; otra instancia se hará cargo de él en unos segundos.</translation>
    </message>
    <message>
        <source>The coordinators answer again.</source>
        <translation>Los coordinadores vuelven a responder.</translation>
    </message>
    <message>
        <source>No coordinator is configured.</source>
        <translation>No hay ningún coordinador configurado.</translation>
    </message>
    <message>
        <source>The coordinators did not send the pool&apos;s fee data: %1</source>
        <translation>Los coordinadores no enviaron los datos de comisiones del pool: %1</translation>
    </message>
    <message>
        <source>Coordinator %1 has no fee data for pool %2.</source>
        <translation>El coordinador %1 no tiene datos de comisiones para el pool %2.</translation>
    </message>
    <message>
        <source>Pool %1 is not offered by the coordinators.</source>
        <translation>Los coordinadores no ofrecen el pool %1.</translation>
    </message>
    <message>
        <source>There is no confirmed deposit coin to send to a pool.</source>
        <translation>No hay ninguna moneda de depósito confirmada para enviar a un pool.</translation>
    </message>
    <message>
        <source>Coin %1 is not in the wallet (already spent?).</source>
        <translation>La moneda %1 no está en el monedero (¿ya gastada?).</translation>
    </message>
    <message>
        <source>Coin %1 is not a deposit coin: only deposit coins go into a Tx0.</source>
        <translation>La moneda %1 no es una moneda de depósito: solo las monedas de depósito entran en un Tx0.</translation>
    </message>
    <message>
        <source>Coin %1 is not confirmed yet.</source>
        <translation>La moneda %1 aún no está confirmada.</translation>
    </message>
    <message>
        <source>A Tx0 is being sent already; wait until it is done.</source>
        <translation>Ya se está enviando un Tx0; espere a que termine.</translation>
    </message>
    <message>
        <source>Tx0 not sent: %1</source>
        <translation>Tx0 no enviado: %1</translation>
    </message>
    <message>
        <source>Mixing switched on.</source>
        <translation>Mezcla activada.</translation>
    </message>
    <message>
        <source>Mixing switched off.</source>
        <translation>Mezcla desactivada.</translation>
    </message>
    <message>
        <source>The wallet has not synced with the node yet.</source>
        <translation>El monedero aún no se ha sincronizado con el nodo.</translation>
    </message>
    <message>
        <source>Coin %1 was just mixed (it is spent); its new coin appears after the next sync.</source>
        <translation>La moneda %1 se acaba de mezclar (está gastada); su nueva moneda aparece tras la próxima sincronización.</translation>
    </message>
    <message>
        <source>Coin %1 is in the middle of a mix (%2); wait a moment or try again after it.</source>
        <translation>La moneda %1 está en plena mezcla (%2); espere un momento o vuelva a intentarlo después.</translation>
    </message>
    <message>
        <source>There is no confirmed postmix coin to spend.</source>
        <translation>No hay ninguna moneda postmix confirmada para gastar.</translation>
    </message>
    <message>
        <source>Coin %1 is not a mixed (postmix) coin.</source>
        <translation>La moneda %1 no es una moneda mezclada (postmix).</translation>
    </message>
    <message>
        <source>A payment is being sent already; wait until it is done.</source>
        <translation>Ya se está enviando un pago; espere a que termine.</translation>
    </message>
    <message>
        <source>Payment not sent: %1</source>
        <translation>Pago no enviado: %1</translation>
    </message>
    <message>
        <source>Payment %1 sent: %2 sat to %3 (fee %4 sat).</source>
        <translation>Pago %1 enviado: %2 sat a %3 (comisión %4 sat).</translation>
    </message>
    <message>
        <source>Settings and mix history could not be saved: %1</source>
        <translation>No se pudieron guardar la configuración ni el historial de mezclas: %1</translation>
    </message>
    <message>
        <source>The node was not asked yet.</source>
        <translation>Aún no se ha consultado al nodo.</translation>
    </message>
    <message>
        <source>The pools are not loaded yet.</source>
        <translation>Los pools aún no se han cargado.</translation>
    </message>
    <message>
        <source>The pools are not loaded yet: %1</source>
        <translation>Los pools aún no se han cargado: %1</translation>
    </message>
    <message>
        <source>The chain reorganized above block %1 (replaced blocks: %2); balances follow the new chain.</source>
        <translation>La cadena se reorganizó por encima del bloque %1 (bloques reemplazados: %2); los saldos siguen la nueva cadena.</translation>
    </message>
    <message>
        <source>Tx0 %1 sent to pool %4 (premix coins: %2 × %3 sat; coordinator fee %5 sat, miner fee %6 sat).</source>
        <translation>Tx0 %1 enviado al pool %4 (monedas premix: %2 × %3 sat; comisión del coordinador %5 sat, comisión de minería %6 sat).</translation>
    </message>
    <message>
        <source>This wallet signed a mix of coin %1 just before its mixing stopped, and the coordinator may still broadcast that mix. Try again in %2 s.</source>
        <translation>Este monedero firmó una mezcla de la moneda %1 justo antes de que se detuviera su mezcla, y el coordinador aún puede difundir esa mezcla. Vuelva a intentarlo en %2 s.</translation>
    </message>
</context>
<context>
    <name>wp::gui::AccountsWidget</name>
    <message>
        <source>Deposit</source>
        <translation>Depósito</translation>
    </message>
    <message>
        <source>Premix (waiting for a first mix)</source>
        <translation>Premix (esperando su primera mezcla)</translation>
    </message>
    <message>
        <source>Postmix (mixed)</source>
        <translation>Postmix (mezcladas)</translation>
    </message>
    <message>
        <source>Bad bank (Tx0 change)</source>
        <translation>Bad bank (cambio de Tx0)</translation>
    </message>
    <message>
        <source>Receive here the coins you want to mix. A Tx0 splits them into premix coins of the pool&apos;s size.</source>
        <translation>Reciba aquí las monedas que quiere mezclar. Un Tx0 las divide en monedas premix del tamaño del pool.</translation>
    </message>
    <message>
        <source>Coins made by a Tx0, each waiting for its first mix.</source>
        <translation>Monedas creadas por un Tx0, cada una esperando su primera mezcla.</translation>
    </message>
    <message>
        <source>Mixed coins. They keep remixing for free while the app runs; spend them from here.</source>
        <translation>Monedas mezcladas. Se siguen remezclando gratis mientras la aplicación funciona; gástelas desde aquí.</translation>
    </message>
    <message>
        <source>The change of your Tx0s. It is linked to your deposit: do not mix it with postmix coins.</source>
        <translation>El cambio de sus Tx0. Está vinculado a su depósito: no lo junte con monedas postmix.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>&amp;Balances</source>
        <translation>&amp;Saldos</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmado</translation>
    </message>
    <message>
        <source>Unconfirmed</source>
        <translation>Sin confirmar</translation>
    </message>
    <message>
        <source>Coins</source>
        <translation>Monedas</translation>
    </message>
    <message>
        <source>Balances per account</source>
        <translation>Saldos por cuenta</translation>
    </message>
</context>
<context>
    <name>wp::gui::CoinTableModel</name>
    <message>
        <source>Not mixing</source>
        <translation>Sin mezclar</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>Mixing</source>
        <translation>Mezclando</translation>
    </message>
    <message>
        <source>Retrying soon</source>
        <translation>Reintento pronto</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Mezclada</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <source>%1 (for %2)</source>
        <translation>%1 (desde hace %2)</translation>
    </message>
    <message>
        <source>Retrying in %1</source>
        <translation>Nuevo intento en %1</translation>
    </message>
    <message>
        <source>Remix target reached</source>
        <translation>Objetivo de remezcla alcanzado</translation>
    </message>
    <message>
        <source>Connecting to the coordinator instance that runs this pool.</source>
        <translation>Conectando con la instancia del coordinador que gestiona este pool.</translation>
    </message>
    <message>
        <source>Your coin waits in the pool for a mix with enough participants. Waiting minutes or even hours is normal: nothing is wrong and nothing is spent. You can stop at any time without penalty.</source>
        <translation>Su moneda espera en el pool una mezcla con suficientes participantes. Esperar minutos o incluso horas es normal: no pasa nada malo y no se gasta nada. Puede detenerla en cualquier momento sin penalización.</translation>
    </message>
    <message>
        <source>Your coin was picked for a mix that is about to start.</source>
        <translation>Su moneda fue elegida para una mezcla que está a punto de empezar.</translation>
    </message>
    <message>
        <source>The mix is running. Keep the app open and online until it ends (about a minute): leaving now gets the coin blamed, and repeated blames lead to a temporary ban.</source>
        <translation>La mezcla está en curso. Mantenga la aplicación abierta y en línea hasta que termine (un minuto aprox.): salir ahora hace que se culpe a la moneda, y las culpas repetidas llevan a un bloqueo temporal.</translation>
    </message>
    <message>
        <source>In this step for %1.</source>
        <translation>En este paso desde hace %1.</translation>
    </message>
    <message>
        <source>Coordinator instance: %1</source>
        <translation>Instancia del coordinador: %1</translation>
    </message>
    <message>
        <source>This coin starts when a mixing slot is free. Coins mixing at once: at most %1 (Settings).</source>
        <translation>Esta moneda empieza cuando haya un hueco de mezcla libre. Monedas mezclando a la vez: como máximo %1 (Configuración).</translation>
    </message>
    <message>
        <source>Next attempt at %1.</source>
        <translation>Próximo intento a las %1.</translation>
    </message>
    <message>
        <source>This coin is not retried by itself: start it again once you have read this.</source>
        <translation>Esta moneda no se reintenta sola: reiníciela cuando haya leído esto.</translation>
    </message>
    <message>
        <source>Mixed in transaction %1.</source>
        <translation>Mezclada en la transacción %1.</translation>
    </message>
    <message>
        <source>This coin reached the remix target set in Settings (mixes: %1).</source>
        <translation>Esta moneda alcanzó el objetivo de remezcla de la configuración (mezclas: %1).</translation>
    </message>
    <message>
        <source>Not mixing. Start it from the coin&apos;s context menu or with &quot;Start all&quot;.</source>
        <translation>Sin mezclar. Iníciela desde el menú contextual de la moneda o con «Iniciar todas».</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>Mixed coin (remixing is free)</source>
        <translation>Moneda mezclada (remezclar es gratis)</translation>
    </message>
    <message>
        <source>Premix coin from a Tx0, waiting for its first mix</source>
        <translation>Moneda premix de un Tx0, esperando su primera mezcla</translation>
    </message>
    <message>
        <source>The coordinator instance running this coin&apos;s mix. When an instance fails, its pools move to another one and the coin follows.</source>
        <translation>La instancia del coordinador que gestiona la mezcla de esta moneda. Si una instancia falla, sus pools pasan a otra y la moneda la sigue.</translation>
    </message>
    <message>
        <source>Banned for a while</source>
        <translation>Bloqueada por un tiempo</translation>
    </message>
    <message>
        <source>Where the current mix stands; hover a coin for what it means</source>
        <translation>Estado de la mezcla actual; pase el ratón sobre una moneda para ver qué significa</translation>
    </message>
    <message>
        <source>Mixes this coin went through (remixes included)</source>
        <translation>Mezclas por las que pasó esta moneda (remezclas incluidas)</translation>
    </message>
    <message>
        <source>Why the last attempt failed; hover for what to do</source>
        <translation>Por qué falló el último intento; pase el ratón para ver qué hacer</translation>
    </message>
    <message>
        <source>Coin</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Mixes</source>
        <translation>Mezclas</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instancia</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
</context>
<context>
    <name>wp::gui::DesktopApp</name>
    <message>
        <source>The settings given on the command line were not applied: %1</source>
        <translation>No se aplicó la configuración indicada en la línea de comandos: %1</translation>
    </message>
    <message>
        <source>Mixing is switched off. Switch it on (Mixing → Start all) to mix single coins.</source>
        <translation>La mezcla está desactivada. Actívela (Mezcla → Iniciar todas) para mezclar monedas sueltas.</translation>
    </message>
    <message>
        <source>Coin %1 cannot be mixed now.</source>
        <translation>La moneda %1 no se puede mezclar ahora.</translation>
    </message>
    <message>
        <source>Lock the open wallet first (Wallet → Lock).</source>
        <translation>Bloquee primero el monedero abierto (Monedero → Bloquear).</translation>
    </message>
    <message>
        <source>Open wallet</source>
        <translation>Abrir monedero</translation>
    </message>
    <message>
        <source>Wallet files (*.wallet);;All files (*)</source>
        <translation>Archivos de monedero (*.wallet);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>The pools are not known yet: the wallet has not reached the coordinators. See the Events tab.</source>
        <translation>Los pools aún no se conocen: el monedero aún no ha contactado con los coordinadores. Vea la pestaña Eventos.</translation>
    </message>
    <message>
        <source>Tx0 %1 was broadcast. Premix coins: %2; they start mixing once it has a confirmation.</source>
        <translation>El Tx0 %1 se ha difundido. Monedas premix: %2; empiezan a mezclarse en cuanto tenga una confirmación.</translation>
    </message>
    <message>
        <source>Payment %1 was broadcast.</source>
        <translation>El pago %1 se ha difundido.</translation>
    </message>
    <message>
        <source>Coins in the middle of a mix: %1. Quitting now makes those mixes fail for everyone in them, and the coordinator blames your coins (repeated blames lead to a ban). The mixes take a minute or two at most.</source>
        <translation>Monedas en medio de una mezcla: %1. Si sale ahora, esas mezclas fallan para todos sus participantes y el coordinador culpa a sus monedas (las culpas repetidas llevan a un bloqueo). Las mezclas tardan uno o dos minutos como mucho.</translation>
    </message>
    <message>
        <source>Keep mixing</source>
        <translation>Seguir mezclando</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Salir de todos modos</translation>
    </message>
</context>
<context>
    <name>wp::gui::EventLogWidget</name>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Redirected</source>
        <translation>Redirigido</translation>
    </message>
    <message>
        <source>Redirect refused</source>
        <translation>Redirección rechazada</translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation>Conexión fallida</translation>
    </message>
    <message>
        <source>Failover</source>
        <translation>Conmutación por error</translation>
    </message>
    <message>
        <source>Cluster list updated</source>
        <translation>Lista del clúster actualizada</translation>
    </message>
    <message>
        <source>Cluster list refused</source>
        <translation>Lista del clúster rechazada</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Not connected to a coordinator instance.</source>
        <translation>Sin conexión con ninguna instancia del coordinador.</translation>
    </message>
    <message>
        <source>Connected instance: %1</source>
        <translation>Instancia conectada: %1</translation>
    </message>
    <message>
        <source>Connected instance: %1 (%2)</source>
        <translation>Instancia conectada: %1 (%2)</translation>
    </message>
    <message>
        <source>Show only failed connections, refused redirects and other problems</source>
        <translation>Mostrar solo conexiones fallidas, redirecciones rechazadas y otros problemas</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instancia</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Registro de eventos</translation>
    </message>
    <message>
        <source>Only p&amp;roblems</source>
        <translation>Solo pro&amp;blemas</translation>
    </message>
</context>
<context>
    <name>wp::gui::FeeChooser</name>
    <message>
        <source>%1: %2 sat/vB (about %3 blocks)</source>
        <translation>%1: %2 sat/vB (unos %3 bloques)</translation>
    </message>
    <message>
        <source>%1: %2 sat/vB (default)</source>
        <translation>%1: %2 sat/vB (predeterminado)</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Rápida</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Slow</source>
        <translation>Lenta</translation>
    </message>
    <message>
        <source>Custom rate</source>
        <translation>Tasa personalizada</translation>
    </message>
    <message>
        <source> sat/vB</source>
        <translation> sat/vB</translation>
    </message>
    <message>
        <source>Custom fee rate</source>
        <translation>Tasa de comisión personalizada</translation>
    </message>
    <message>
        <source>The node gave no estimate for some presets; defaults are used.</source>
        <translation>El nodo no dio estimación para algunas opciones; se usan los valores predeterminados.</translation>
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
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
</context>
<context>
    <name>wp::gui::GuiText</name>
    <message>
        <source>Node unreachable: %1</source>
        <translation>Nodo inaccesible: %1</translation>
    </message>
    <message>
        <source>Node: connecting…</source>
        <translation>Nodo: conectando…</translation>
    </message>
    <message>
        <source>Node: not checked yet</source>
        <translation>Nodo: aún sin comprobar</translation>
    </message>
    <message>
        <source>Node: block %1, wallet scanned to %2</source>
        <translation>Nodo: bloque %1; búsqueda del monedero hasta %2</translation>
    </message>
    <message>
        <source>Node: block %1</source>
        <translation>Nodo: bloque %1</translation>
    </message>
</context>
<context>
    <name>wp::gui::MainWindow</name>
    <message>
        <source>Mixing: %1, waiting: %2</source>
        <translation>Mezclando: %1, en espera: %2</translation>
    </message>
    <message>
        <source>, need attention: %1</source>
        <translation>, requieren atención: %1</translation>
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
        <translation>&amp;Monedas</translation>
    </message>
    <message>
        <source>&amp;Pools</source>
        <translation>&amp;Pools</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historial</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>&amp;Eventos</translation>
    </message>
    <message>
        <source>Coins and their mixing status</source>
        <translation>Monedas y su estado de mezcla</translation>
    </message>
    <message>
        <source>&amp;Wallet</source>
        <translation>Mo&amp;nedero</translation>
    </message>
    <message>
        <source>&amp;New wallet...</source>
        <translation>&amp;Nuevo monedero…</translation>
    </message>
    <message>
        <source>&amp;Restore wallet...</source>
        <translation>&amp;Restaurar monedero…</translation>
    </message>
    <message>
        <source>&amp;Open wallet...</source>
        <translation>&amp;Abrir monedero…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <source>&amp;Send...</source>
        <translation>&amp;Enviar…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Mixing</source>
        <translation>Me&amp;zcla</translation>
    </message>
    <message>
        <source>&amp;Tx0: make premix coins...</source>
        <translation>&amp;Tx0: crear monedas premix…</translation>
    </message>
    <message>
        <source>Start &amp;all</source>
        <translation>&amp;Iniciar todas</translation>
    </message>
    <message>
        <source>Sto&amp;p all</source>
        <translation>Detener t&amp;odas</translation>
    </message>
    <message>
        <source>Start mixing this &amp;coin</source>
        <translation>Mezclar esta &amp;moneda</translation>
    </message>
    <message>
        <source>Stop mixing this c&amp;oin</source>
        <translation>Dejar de mezclar esta mo&amp;neda</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Configuración</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Not connected to a coordinator instance</source>
        <translation>Sin conexión con ninguna instancia del coordinador</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Conectado a %1</translation>
    </message>
    <message>
        <source>Node: not checked yet</source>
        <translation>Nodo: aún sin comprobar</translation>
    </message>
    <message>
        <source>Rec&amp;eive...</source>
        <translation>Re&amp;cibir…</translation>
    </message>
    <message>
        <source>No wallet is open. Wallet → New wallet creates one; Wallet → Restore wallet brings one back from its recovery words; Wallet → Open wallet opens a wallet file.</source>
        <translation>No hay ningún monedero abierto. Monedero → Nuevo monedero crea uno; Monedero → Restaurar monedero recupera uno a partir de sus palabras de recuperación; Monedero → Abrir monedero abre un archivo de monedero.</translation>
    </message>
    <message>
        <source>No coin to mix yet. Wallet → Receive gives the address to send bitcoin to. Once the deposit has a confirmation, Mixing → Tx0 makes premix coins of it: they show up here and mix by themselves.</source>
        <translation>Todavía no hay monedas para mezclar. Monedero → Recibir da la dirección a la que enviar bitcoin. Cuando el depósito tenga una confirmación, Mezcla → Tx0 lo convierte en monedas premix: aparecen aquí y se mezclan solas.</translation>
    </message>
</context>
<context>
    <name>wp::gui::MixChart</name>
    <message>
        <source>Mixes per day</source>
        <translation>Mezclas por día</translation>
    </message>
    <message>
        <source>Total mixes over time</source>
        <translation>Total de mezclas en el tiempo</translation>
    </message>
    <message>
        <source>Mixes in the last %1 days: %2. Mixes in total: %3.</source>
        <translation>Mezclas en los últimos %1 días: %2. Mezclas en total: %3.</translation>
    </message>
    <message>
        <source>No mixes yet</source>
        <translation>Aún no hay mezclas</translation>
    </message>
</context>
<context>
    <name>wp::gui::MixHistoryWidget</name>
    <message>
        <source>Remix (mix %1)</source>
        <translation>Remezcla (mezcla %1)</translation>
    </message>
    <message>
        <source>First mix</source>
        <translation>Primera mezcla</translation>
    </message>
    <message>
        <source>Mixes: %1 in total, %2 today, %3 in the last 7 days; remixes: %4.</source>
        <translation>Mezclas: %1 en total, %2 hoy, %3 en los últimos 7 días; remezclas: %4.</translation>
    </message>
    <message>
        <source>Mixes per day</source>
        <translation>Mezclas por día</translation>
    </message>
    <message>
        <source>Total mixes over time</source>
        <translation>Total de mezclas en el tiempo</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instancia</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Transacción</translation>
    </message>
    <message>
        <source>Mix history</source>
        <translation>Historial de mezclas</translation>
    </message>
    <message>
        <source>&amp;Copy transaction id</source>
        <translation>&amp;Copiar id. de transacción</translation>
    </message>
    <message>
        <source>Char&amp;t:</source>
        <translation>&amp;Gráfico:</translation>
    </message>
</context>
<context>
    <name>wp::gui::NewWalletDialog</name>
    <message>
        <source>Write the words down first, then tick the box.</source>
        <translation>Primero anote las palabras y luego marque la casilla.</translation>
    </message>
    <message>
        <source>Word #%1 is not the word shown on the previous page. Go back and check what you wrote down.</source>
        <translation>La palabra n.º %1 no es la que se mostró en la página anterior. Vuelva atrás y compruebe lo que anotó.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Las dos frases de contraseña son distintas.</translation>
    </message>
    <message>
        <source>New wallet</source>
        <translation>Nuevo monedero</translation>
    </message>
    <message>
        <source>Step 1 of 3: your recovery words</source>
        <translation>Paso 1 de 3: sus palabras de recuperación</translation>
    </message>
    <message>
        <source>Step 2 of 3: check the words</source>
        <translation>Paso 2 de 3: comprobar las palabras</translation>
    </message>
    <message>
        <source>Step 3 of 3: protect the wallet file</source>
        <translation>Paso 3 de 3: proteger el archivo del monedero</translation>
    </message>
    <message>
        <source>These 12 words are your wallet. Write them on paper, in this order.</source>
        <translation>Estas 12 palabras son su monedero. Escríbalas en papel, en este orden.</translation>
    </message>
    <message>
        <source>Keep them offline and private: anyone who sees them can take your coins. Without them, a lost or damaged wallet file cannot be recovered. Never type them into a website.</source>
        <translation>Guárdelas sin conexión y en privado: quien las vea puede llevarse sus monedas. Sin ellas, un archivo de monedero perdido o dañado no se puede recuperar. Nunca las escriba en un sitio web.</translation>
    </message>
    <message>
        <source>I have &amp;written down the 12 words</source>
        <translation>He a&amp;notado las 12 palabras</translation>
    </message>
    <message>
        <source>Type these words from your paper copy, to be sure it is complete and readable.</source>
        <translation>Escriba estas palabras desde su copia en papel, para asegurarse de que está completa y legible.</translation>
    </message>
    <message>
        <source>Word #%1:</source>
        <translation>Palabra n.º %1:</translation>
    </message>
    <message>
        <source>The passphrase becomes part of the seed: the 12 words alone will NOT restore this wallet. Write it down too; it cannot be changed or recovered.</source>
        <translation>La frase de contraseña pasa a formar parte de la semilla: las 12 palabras solas NO restaurarán este monedero. Anótela también; no se puede cambiar ni recuperar.</translation>
    </message>
    <message>
        <source>Pa&amp;ssphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <source>Repeat p&amp;assphrase:</source>
        <translation>Repe&amp;tir frase de contraseña:</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>&amp;Create wallet</source>
        <translation>Crear &amp;monedero</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Siguiente</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Type the passphrase twice, or untick the passphrase option.</source>
        <translation>Escriba la frase de contraseña dos veces, o desmarque la opción de frase de contraseña.</translation>
    </message>
    <message>
        <source>Add a BIP39 passp&amp;hrase (advanced)</source>
        <translation>Añadir una frase de contraseña BIP39 (a&amp;vanzado)</translation>
    </message>
</context>
<context>
    <name>wp::gui::PasswordFields</name>
    <message>
        <source>Choose a password to encrypt the wallet file.</source>
        <translation>Elija una contraseña para cifrar el archivo del monedero.</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>La contraseña necesita al menos %1 caracteres.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Las dos contraseñas son distintas.</translation>
    </message>
    <message>
        <source>Too short</source>
        <translation>Demasiado corta</translation>
    </message>
    <message>
        <source>Weak: easy to guess for someone who gets the wallet file</source>
        <translation>Débil: fácil de adivinar para quien consiga el archivo del monedero</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Aceptable</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Fuerte</translation>
    </message>
    <message>
        <source>It encrypts the wallet file on this computer. A long sentence is easy to remember and hard to guess.</source>
        <translation>Cifra el archivo del monedero en este ordenador. Una frase larga es fácil de recordar y difícil de adivinar.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>&amp;Repetir contraseña:</translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation>Fortaleza de la contraseña</translation>
    </message>
</context>
<context>
    <name>wp::gui::PoolsModel</name>
    <message>
        <source>Waiting for participants</source>
        <translation>Esperando participantes</translation>
    </message>
    <message>
        <source>Registering outputs</source>
        <translation>Registrando salidas</translation>
    </message>
    <message>
        <source>Round failed, checking who left</source>
        <translation>Ronda fallida, comprobando quién se fue</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>Firmando</translation>
    </message>
    <message>
        <source>Mix succeeded</source>
        <translation>Mezcla completada</translation>
    </message>
    <message>
        <source>Mix failed</source>
        <translation>Mezcla fallida</translation>
    </message>
    <message>
        <source>Paid once to the coordinator in the Tx0; remixes are free.</source>
        <translation>Se paga una vez al coordinador en el Tx0; las remezclas son gratis.</translation>
    </message>
    <message>
        <source>Each mix has %1 inputs and %1 outputs of %2 (at least %3 of them new coins).</source>
        <translation>Cada mezcla tiene %1 entradas y %1 salidas de %2 (al menos %3 de ellas monedas nuevas).</translation>
    </message>
    <message>
        <source>Coins registered and waiting in this pool: %1. Confirmed in the current mix: %2.</source>
        <translation>Monedas registradas y en espera en este pool: %1. Confirmadas en la mezcla actual: %2.</translation>
    </message>
    <message>
        <source>Current mix: %1 (%2), running for %3.</source>
        <translation>Mezcla actual: %1 (%2), en curso desde hace %3.</translation>
    </message>
    <message>
        <source>The instance of the cluster that mixes this pool. If it fails, another instance takes the pool over and clients follow.</source>
        <translation>La instancia del clúster que mezcla este pool. Si falla, otra instancia se hace cargo del pool y los clientes la siguen.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>Denomination</source>
        <translation>Denominación</translation>
    </message>
    <message>
        <source>Pool fee</source>
        <translation>Comisión del pool</translation>
    </message>
    <message>
        <source>Anonymity set</source>
        <translation>Conjunto de anonimato</translation>
    </message>
    <message>
        <source>Waiting coins</source>
        <translation>Monedas en espera</translation>
    </message>
    <message>
        <source>Mix status</source>
        <translation>Estado de la mezcla</translation>
    </message>
    <message>
        <source>Owner instance</source>
        <translation>Instancia propietaria</translation>
    </message>
</context>
<context>
    <name>wp::gui::PoolsWidget</name>
    <message>
        <source>Could not fetch the pools: %1.</source>
        <translation>No se pudieron obtener los pools: %1.</translation>
    </message>
    <message>
        <source>Showing the pools of %1.</source>
        <translation>Se muestran los pools del %1.</translation>
    </message>
    <message>
        <source>Pools: %1, updated %2.</source>
        <translation>Pools: %1, actualizados el %2.</translation>
    </message>
    <message>
        <source>Pools: %1, from instance %2 at %3.</source>
        <translation>Pools: %1, de la instancia %2 el %3.</translation>
    </message>
    <message>
        <source>No pools yet: the app asks the cluster once it is configured in Settings.</source>
        <translation>Aún no hay pools: la aplicación consulta al clúster en cuanto esté configurado en la configuración.</translation>
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
        <translation>Recibir</translation>
    </message>
    <message>
        <source>Send only bitcoin (mainnet) to this &amp;address:</source>
        <translation>Envíe solo bitcoin (mainnet) a esta &amp;dirección:</translation>
    </message>
    <message>
        <source>Send only testnet bitcoin to this &amp;address:</source>
        <translation>Envíe solo bitcoin de testnet a esta &amp;dirección:</translation>
    </message>
    <message>
        <source>Send only regtest bitcoin to this &amp;address:</source>
        <translation>Envíe solo bitcoin de regtest a esta &amp;dirección:</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Copiada al portapapeles.</translation>
    </message>
    <message>
        <source>The coins show up in the Deposit account. Once they have a confirmation, a Tx0 (Mixing → Tx0) turns them into premix coins, which mix by themselves. Each payer should get a new address.</source>
        <translation>Las monedas aparecen en la cuenta Depósito. Cuando tengan una confirmación, un Tx0 (Mezcla → Tx0) las convierte en monedas premix, que se mezclan solas. Cada pagador debería recibir una dirección nueva.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>&amp;New address</source>
        <translation>&amp;Nueva dirección</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>wp::gui::RestoreWalletDialog</name>
    <message>
        <source>Type the 12 to 24 recovery words, separated by spaces.</source>
        <translation>Escriba las 12 a 24 palabras de recuperación, separadas por espacios.</translation>
    </message>
    <message>
        <source>Word %1 (&quot;%2&quot;) is not a BIP39 English word: check its spelling.</source>
        <translation>La palabra %1 («%2») no es una palabra inglesa de BIP39: revise su ortografía.</translation>
    </message>
    <message>
        <source>%1 words typed: a recovery phrase has 12, 15, 18, 21 or 24 words.</source>
        <translation>%1 palabras escritas: una frase de recuperación tiene 12, 15, 18, 21 o 24 palabras.</translation>
    </message>
    <message>
        <source>Every word is known, but the checksum does not match: a word is wrong or two are swapped.</source>
        <translation>Todas las palabras son conocidas, pero la suma de control no coincide: una palabra es errónea o hay dos intercambiadas.</translation>
    </message>
    <message>
        <source>Valid recovery phrase (%1 words).</source>
        <translation>Frase de recuperación válida (%1 palabras).</translation>
    </message>
    <message>
        <source>Restore wallet</source>
        <translation>Restaurar monedero</translation>
    </message>
    <message>
        <source>Type the recovery words of an existing wallet. The app then scans the chain for its coins.</source>
        <translation>Escriba las palabras de recuperación de un monedero existente. La aplicación buscará después sus monedas en la cadena.</translation>
    </message>
    <message>
        <source>Recovery &amp;words:</source>
        <translation>&amp;Palabras de recuperación:</translation>
    </message>
    <message>
        <source>Pa&amp;ssphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <source>only if the wallet has one</source>
        <translation>solo si el monedero tiene una</translation>
    </message>
    <message>
        <source>Created at &amp;block:</source>
        <translation>Creado en el &amp;bloque:</translation>
    </message>
    <message>
        <source>unknown (scan from the start of Whirlpool)</source>
        <translation>desconocido (buscar desde el inicio de Whirlpool)</translation>
    </message>
    <message>
        <source>The block height when the wallet was created, if you know it: scanning starts there and ends sooner.</source>
        <translation>La altura de bloque en la que se creó el monedero, si la conoce: la búsqueda empieza ahí y termina antes.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>Res&amp;taurar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
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
        <translation>Esta dirección usa una versión futura de SegWit a la que este monedero no envía.</translation>
    </message>
    <message>
        <source>This is a %1 address; this wallet is on %2.</source>
        <translation>Es una dirección de %1; este monedero está en %2.</translation>
    </message>
    <message>
        <source>Not a valid bitcoin address: %1</source>
        <translation>No es una dirección de bitcoin válida: %1</translation>
    </message>
    <message>
        <source>Enter the destination address.</source>
        <translation>Introduzca la dirección de destino.</translation>
    </message>
    <message>
        <source>Enter an amount, or tick &quot;Send all&quot;.</source>
        <translation>Introduzca un importe, o marque «Enviar todo».</translation>
    </message>
    <message>
        <source>The amount is not a number of bitcoin with at most 8 decimals.</source>
        <translation>El importe no es una cantidad de bitcoin con 8 decimales como máximo.</translation>
    </message>
    <message>
        <source>The amount is below the dust limit (%1).</source>
        <translation>El importe está por debajo del límite de polvo (%1).</translation>
    </message>
    <message>
        <source>The amount is more than the %1 available.</source>
        <translation>El importe supera los %1 disponibles.</translation>
    </message>
    <message>
        <source>The fee rate must be between %1 and %2 sat/vB.</source>
        <translation>La tasa de comisión debe estar entre %1 y %2 sat/vB.</translation>
    </message>
    <message>
        <source>Recipient gets:</source>
        <translation>El destinatario recibe:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>A:</translation>
    </message>
    <message>
        <source>Miner fee:</source>
        <translation>Comisión de minería:</translation>
    </message>
    <message>
        <source>%1 (%2 sat/vB, about %3 vB)</source>
        <translation>%1 (%2 sat/vB, unos %3 vB)</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>Cambio:</translation>
    </message>
    <message>
        <source>%1 back to the postmix account</source>
        <translation>%1 vuelve a la cuenta postmix</translation>
    </message>
    <message>
        <source>none (%1 too small to keep, added to the fee)</source>
        <translation>ninguno (%1, demasiado poco para conservarlo, se suma a la comisión)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Coins spent:</source>
        <translation>Monedas gastadas:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Check the address on the device you got it from before you send.</source>
        <translation>Compruebe la dirección en el dispositivo del que la obtuvo antes de enviar.</translation>
    </message>
    <message>
        <source>Send mixed coins</source>
        <translation>Enviar monedas mezcladas</translation>
    </message>
    <message>
        <source>Available in postmix: %1</source>
        <translation>Disponible en postmix: %1</translation>
    </message>
    <message>
        <source>&amp;Pay to:</source>
        <translation>&amp;Pagar a:</translation>
    </message>
    <message>
        <source>bitcoin address</source>
        <translation>dirección de bitcoin</translation>
    </message>
    <message>
        <source>&amp;Amount (BTC):</source>
        <translation>&amp;Importe (BTC):</translation>
    </message>
    <message>
        <source>Send a&amp;ll</source>
        <translation>Enviar &amp;todo</translation>
    </message>
    <message>
        <source>Send every mixed coin, minus the fee, with no change</source>
        <translation>Enviar todas las monedas mezcladas, menos la comisión, sin cambio</translation>
    </message>
    <message>
        <source>&amp;Fee:</source>
        <translation>&amp;Comisión:</translation>
    </message>
    <message>
        <source>This transaction will:</source>
        <translation>Esta transacción:</translation>
    </message>
    <message>
        <source>&amp;Sign and send</source>
        <translation>&amp;Firmar y enviar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>wp::gui::SettingsDialog</name>
    <message>
        <source>Add at least one coordinator instance (Cluster tab).</source>
        <translation>Añada al menos una instancia del coordinador (pestaña Clúster).</translation>
    </message>
    <message>
        <source>instance %1</source>
        <translation>la instancia %1</translation>
    </message>
    <message>
        <source>%1 has no URL.</source>
        <translation>%1 no tiene URL.</translation>
    </message>
    <message>
        <source>The clearnet URL of %1 is not valid (http://host:port or https://host).</source>
        <translation>La URL clearnet de %1 no es válida (http://host:puerto o https://host).</translation>
    </message>
    <message>
        <source>The onion URL of %1 is not valid (http://….onion).</source>
        <translation>La URL onion de %1 no es válida (http://….onion).</translation>
    </message>
    <message>
        <source>The operator address is not a valid address of this wallet&apos;s network.</source>
        <translation>La dirección del operador no es una dirección válida de la red de este monedero.</translation>
    </message>
    <message>
        <source>Onion URLs need a SOCKS5 proxy (Tor), usually 127.0.0.1 port 9050.</source>
        <translation>Las URL onion necesitan un proxy SOCKS5 (Tor), normalmente 127.0.0.1 puerto 9050.</translation>
    </message>
    <message>
        <source>&quot;Use onion&quot; is on, but no instance has an onion URL.</source>
        <translation>«Usar onion» está activado, pero ninguna instancia tiene URL onion.</translation>
    </message>
    <message>
        <source>No instance has a clearnet URL: turn on &quot;Use onion&quot; or add one.</source>
        <translation>Ninguna instancia tiene URL clearnet: active «Usar onion» o añada una.</translation>
    </message>
    <message>
        <source>Give the proxy&apos;s port.</source>
        <translation>Indique el puerto del proxy.</translation>
    </message>
    <message>
        <source>The node URL must look like http://127.0.0.1:8332 (Node tab).</source>
        <translation>La URL del nodo debe parecerse a http://127.0.0.1:8332 (pestaña Nodo).</translation>
    </message>
    <message>
        <source>Default fees must go from fast (highest) to slow (lowest).</source>
        <translation>Las comisiones predeterminadas deben ir de rápida (la más alta) a lenta (la más baja).</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>&amp;Clúster</translation>
    </message>
    <message>
        <source>&amp;Node</source>
        <translation>&amp;Nodo</translation>
    </message>
    <message>
        <source>&amp;Mixing</source>
        <translation>&amp;Mezcla</translation>
    </message>
    <message>
        <source>&amp;Fees</source>
        <translation>Comi&amp;siones</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>I&amp;dioma</translation>
    </message>
    <message>
        <source>Coordinator &amp;instances to start from. Any of them leads to the pools; the cluster&apos;s signed list adds the others.</source>
        <translation>&amp;Instancias del coordinador de partida. Cualquiera lleva a los pools; la lista firmada del clúster añade las demás.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
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
        <translation>&amp;Añadir instancia</translation>
    </message>
    <message>
        <source>&amp;Remove instance</source>
        <translation>Quita&amp;r instancia</translation>
    </message>
    <message>
        <source>O&amp;perator address:</source>
        <translation>Dirección del o&amp;perador:</translation>
    </message>
    <message>
        <source>The address that signs the cluster&apos;s list of instances. Empty: only the instances above are used.</source>
        <translation>La dirección que firma la lista de instancias del clúster. Vacía: solo se usan las instancias de arriba.</translation>
    </message>
    <message>
        <source>Use &amp;onion URLs (Tor)</source>
        <translation>Usar URL &amp;onion (Tor)</translation>
    </message>
    <message>
        <source>SOCKS5 pro&amp;xy:</source>
        <translation>Pro&amp;xy SOCKS5:</translation>
    </message>
    <message>
        <source>none (direct connections)</source>
        <translation>ninguno (conexiones directas)</translation>
    </message>
    <message>
        <source>Por&amp;t:</source>
        <translation>Puer&amp;to:</translation>
    </message>
    <message>
        <source>RPC &amp;URL:</source>
        <translation>&amp;URL RPC:</translation>
    </message>
    <message>
        <source>RPC &amp;password:</source>
        <translation>Contraseña R&amp;PC:</translation>
    </message>
    <message>
        <source>Coins mixing at &amp;once:</source>
        <translation>Monedas mezclando a la &amp;vez:</translation>
    </message>
    <message>
        <source>Mix new premix coins &amp;automatically</source>
        <translation>Mezclar &amp;automáticamente las nuevas monedas premix</translation>
    </message>
    <message>
        <source>&amp;Remix mixed coins automatically (free)</source>
        <translation>&amp;Remezclar automáticamente las monedas mezcladas (gratis)</translation>
    </message>
    <message>
        <source>Stop remixing af&amp;ter:</source>
        <translation>Dejar de remezclar &amp;tras:</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source> mixes</source>
        <translation> mezclas</translation>
    </message>
    <message>
        <source>Fee rates used when the node cannot estimate them (regtest, a fresh node).</source>
        <translation>Tasas de comisión usadas cuando el nodo no puede estimarlas (regtest, un nodo recién iniciado).</translation>
    </message>
    <message>
        <source>F&amp;ast:</source>
        <translation>R&amp;ápida:</translation>
    </message>
    <message>
        <source>No&amp;rmal:</source>
        <translation>No&amp;rmal:</translation>
    </message>
    <message>
        <source>Slo&amp;w:</source>
        <translation>Len&amp;ta:</translation>
    </message>
    <message>
        <source> sat/vB</source>
        <translation> sat/vB</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Idi&amp;oma:</translation>
    </message>
    <message>
        <source>The language changes as soon as you press OK.</source>
        <translation>El idioma cambia en cuanto pulse Aceptar.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>RPC u&amp;ser:</source>
        <translation>Usua&amp;rio RPC:</translation>
    </message>
</context>
<context>
    <name>wp::gui::Tx0OrderDialog</name>
    <message>
        <source>No pool is offered by the coordinators now.</source>
        <translation>Los coordinadores no ofrecen ahora ningún pool.</translation>
    </message>
    <message>
        <source>Your confirmed deposit (%1) is too small for this pool: a coin needs %2, plus the pool fee %3.</source>
        <translation>Su depósito confirmado (%1) es demasiado pequeño para este pool: una moneda necesita %2, más la comisión del pool de %3.</translation>
    </message>
    <message>
        <source>Premix coins from your confirmed deposit (%1): at most %2, of %3 each. The next step shows the exact transaction and its fees before anything is signed.</source>
        <translation>Monedas premix de su depósito confirmado (%1): como máximo %2, de %3 cada una. El siguiente paso muestra la transacción exacta y sus comisiones antes de firmar nada.</translation>
    </message>
    <message>
        <source>Tx0: prepare coins for mixing</source>
        <translation>Tx0: preparar monedas para la mezcla</translation>
    </message>
    <message>
        <source>A Tx0 splits your deposit into coins of the pool&apos;s size, which then mix automatically.</source>
        <translation>Un Tx0 divide su depósito en monedas del tamaño del pool, que luego se mezclan automáticamente.</translation>
    </message>
    <message>
        <source>&amp;Pool:</source>
        <translation>&amp;Pool:</translation>
    </message>
    <message>
        <source>%1: coins of %2, pool fee %3</source>
        <translation>%1: monedas de %2, comisión del pool %3</translation>
    </message>
    <message>
        <source>&amp;Miner fee:</source>
        <translation>&amp;Comisión de minería:</translation>
    </message>
    <message>
        <source>as many as possible</source>
        <translation>tantas como sea posible</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Maximum &amp;coins:</source>
        <translation>&amp;Máximo de monedas:</translation>
    </message>
    <message>
        <source>Send the change to the &amp;bad bank account</source>
        <translation>Enviar el cambio a la cuenta &amp;bad bank</translation>
    </message>
    <message>
        <source>The change of a Tx0 is linked to your deposit. In the bad bank account it is kept apart, so it is never spent together with mixed coins by mistake.</source>
        <translation>El cambio de un Tx0 está vinculado a su depósito. En la cuenta bad bank se mantiene apartado, así que nunca se gasta por error junto con monedas mezcladas.</translation>
    </message>
    <message>
        <source>Pre&amp;view…</source>
        <translation>&amp;Vista previa…</translation>
    </message>
</context>
<context>
    <name>wp::gui::Tx0PreviewDialog</name>
    <message>
        <source>Tx0 preview</source>
        <translation>Vista previa del Tx0</translation>
    </message>
    <message>
        <source>Split your deposit into coins for the pool %1</source>
        <translation>Dividir su depósito en monedas para el pool %1</translation>
    </message>
    <message>
        <source>Pool:</source>
        <translation>Pool:</translation>
    </message>
    <message>
        <source>%1 (coins of %2)</source>
        <translation>%1 (monedas de %2)</translation>
    </message>
    <message>
        <source>Spent from deposit:</source>
        <translation>Gastado del depósito:</translation>
    </message>
    <message>
        <source>Premix coins:</source>
        <translation>Monedas premix:</translation>
    </message>
    <message>
        <source>%1 × %2 = %3</source>
        <translation>%1 × %2 = %3</translation>
    </message>
    <message>
        <source>Each coin is the pool&apos;s denomination plus its share of the miner fee of its first mix.</source>
        <translation>Cada moneda es la denominación del pool más su parte de la comisión de minería de su primera mezcla.</translation>
    </message>
    <message>
        <source>Reserved for first-mix miner fees:</source>
        <translation>Reservado para comisiones de minería de la primera mezcla:</translation>
    </message>
    <message>
        <source>%1 (%2 per coin)</source>
        <translation>%1 (%2 por moneda)</translation>
    </message>
    <message>
        <source>Pool fee:</source>
        <translation>Comisión del pool:</translation>
    </message>
    <message>
        <source>Paid once to the coordinator; remixes are free.</source>
        <translation>Se paga una vez al coordinador; las remezclas son gratis.</translation>
    </message>
    <message>
        <source>none (a decoy output of %1 returns to your wallet)</source>
        <translation>ninguna (una salida señuelo de %1 vuelve a su monedero)</translation>
    </message>
    <message>
        <source>Tx0 miner fee:</source>
        <translation>Comisión de minería del Tx0:</translation>
    </message>
    <message>
        <source>%1 (%2 sat/vB, about %3 vB)</source>
        <translation>%1 (%2 sat/vB, unos %3 vB)</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>Cambio:</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Total fees:</source>
        <translation>Comisiones totales:</translation>
    </message>
    <message>
        <source>%1 (%2 % of the amount spent)</source>
        <translation>%1 (%2 % del importe gastado)</translation>
    </message>
    <message>
        <source>Fees are more than %1 % of the amount: a larger deposit or a lower fee rate costs less.</source>
        <translation>Las comisiones superan el %1 % del importe: un depósito mayor o una tasa de comisión más baja cuesta menos.</translation>
    </message>
    <message>
        <source>Once the Tx0 confirms, the premix coins join the pool and mix by themselves. The change is linked to the coins you spent: keep it apart from mixed coins.</source>
        <translation>Cuando el Tx0 se confirme, las monedas premix entran en el pool y se mezclan solas. El cambio está vinculado a las monedas gastadas: manténgalo apartado de las monedas mezcladas.</translation>
    </message>
    <message>
        <source>&amp;Confirm and send</source>
        <translation>&amp;Confirmar y enviar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>wp::gui::UnlockDialog</name>
    <message>
        <source>Unlock wallet</source>
        <translation>Desbloquear monedero</translation>
    </message>
    <message>
        <source>Type the password of the wallet &quot;%1&quot;.</source>
        <translation>Escriba la contraseña del monedero «%1».</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>Checking the password</source>
        <translation>Comprobando la contraseña</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
</TS>
