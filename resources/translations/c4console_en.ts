<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es">
<context>
    <name>AgenciesPanel</name>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="46"/>
        <source>Institución</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="46"/>
        <source>Tipo</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="46"/>
        <source>Contacto</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="46"/>
        <source>Cuentas</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="47"/>
        <source>Casos compartidos vigentes</source>
        <translation>Shares in force</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="56"/>
        <source>p. ej. dif_tijuana</source>
        <translation>e.g. dif_tijuana</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="63"/>
        <source>Agregar institución</source>
        <translation>Add agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="67"/>
        <source>Clave:</source>
        <translation>Id:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="68"/>
        <source>Nombre:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="69"/>
        <source>Tipo:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="70"/>
        <source>Contacto:</source>
        <translation>Contact:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="75"/>
        <source>Guardar contacto</source>
        <translation>Save contact</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="79"/>
        <source>Contacto de la seleccionada:</source>
        <translation>Contact of the selected agency:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="89"/>
        <source>Nueva institución</source>
        <translation>New agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="96"/>
        <source>leer las instituciones</source>
        <translation>read the agencies</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="141"/>
        <source>agregar la institución</source>
        <translation>add the agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="147"/>
        <source>Escriba la clave y el nombre de la institución</source>
        <translation>Type the agency&apos;s id and name</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="153"/>
        <source>No se agregó: {0}</source>
        <translation>Not added: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="157"/>
        <source>Institución {0} agregada</source>
        <translation>Agency {0} added</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="164"/>
        <source>guardar el contacto</source>
        <translation>save the contact</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="170"/>
        <source>Seleccione una institución</source>
        <translation>Select an agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="175"/>
        <source>No se guardó el contacto: {0}</source>
        <translation>Contact not saved: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/agencies_panel.py" line="177"/>
        <source>Contacto guardado</source>
        <translation>Contact saved</translation>
    </message>
</context>
<context>
    <name>AlertAnnouncer</name>
    <message>
        <location filename="../../c4console/gui/shell/alerts.py" line="70"/>
        <source>{latest}. Y {more} alertas más.</source>
        <translation>{latest}. And {more} more alerts.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/alerts.py" line="79"/>
        <source>sector {0}</source>
        <translation>sector {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/alerts.py" line="80"/>
        <source>Alerta: {0}</source>
        <translation>Alert: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/alerts.py" line="82"/>
        <source>colonia {0}</source>
        <translation>neighbourhood {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/alerts.py" line="83"/>
        <source>prioridad {0}</source>
        <translation>priority {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/alerts.py" line="118"/>
        <source>🔇 Sin audio</source>
        <translation>🔇 No audio</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/alerts.py" line="121"/>
        <source>Sin voz</source>
        <translation>No voice</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/alerts.py" line="122"/>
        <source>🔊 Audio y voz</source>
        <translation>🔊 Audio and voice</translation>
    </message>
</context>
<context>
    <name>AudioPanel</name>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="55"/>
        <source>Dispositivo</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="55"/>
        <source>Beneficiaria</source>
        <translation>Beneficiary</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="56"/>
        <source>Incidente</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="56"/>
        <source>Tiempo</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="65"/>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="188"/>
        <source>Escuchar</source>
        <translation>Listen</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="68"/>
        <source>Silenciar</source>
        <translation>Mute</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="76"/>
        <source>Volumen</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="81"/>
        <source>Nivel (dBFS)</source>
        <translation>Level (dBFS)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="188"/>
        <source>Dejar de escuchar</source>
        <translation>Stop listening</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="190"/>
        <source>Escuchando {0}</source>
        <translation>Listening to {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="193"/>
        <source>Sin escucha</source>
        <translation>Not listening</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="220"/>
        <source>Escuchando {0} · retardo {1} ms · cortes {2} · paquetes {3}</source>
        <translation>Listening to {0} · delay {1} ms · dropouts {2} · packets {3}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="233"/>
        <source>Grabación: —</source>
        <translation>Recording: —</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="237"/>
        <source>{0} Grabación {1} · {2} segmentos · {3} verificados · {4} perdidos</source>
        <translation>{0} Recording {1} · {2} segments · {3} verified · {4} lost</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="246"/>
        <source>Salida de audio: {0}</source>
        <translation>Audio output: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/audio_panel.py" line="249"/>
        <source>Sin dispositivo de audio: no se puede escuchar aquí; la central sigue grabando ({0})</source>
        <translation>No audio device: cannot listen here; the central keeps recording ({0})</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="63"/>
        <source>usuario, p. ej. operadora1</source>
        <translation>user, e.g. operadora1</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="66"/>
        <source>id del incidente</source>
        <translation>incident id</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="71"/>
        <source>Una acción o su prefijo: «command» incluye todos los comandos</source>
        <translation>An action or its prefix: “command” includes every command</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="73"/>
        <source>Desde</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="75"/>
        <source>Hasta</source>
        <translation>Until</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="80"/>
        <source>Buscar</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="82"/>
        <source>Exportar CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="88"/>
        <location filename="../../c4console/gui/audit/audit_view.py" line="106"/>
        <source>Persona</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="90"/>
        <location filename="../../c4console/gui/audit/audit_view.py" line="107"/>
        <source>Incidente</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="92"/>
        <location filename="../../c4console/gui/audit/audit_view.py" line="107"/>
        <source>Acción</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="106"/>
        <source>N.º</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="106"/>
        <source>Hora</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="106"/>
        <source>Rol</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="106"/>
        <source>Puesto</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="107"/>
        <source>Resultado</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="107"/>
        <source>Detalle</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="138"/>
        <source>Consultando la central…</source>
        <translation>Asking the central…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="142"/>
        <source>No se pudo leer la bitácora: {0}</source>
        <translation>Could not read the audit log: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="163"/>
        <source>{0} entradas (las más recientes primero)</source>
        <translation>{0} entries (newest first)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="167"/>
        <source>Guardar bitácora de auditoría</source>
        <translation>Save audit log</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="170"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="182"/>
        <source>No se exportó: {0}</source>
        <translation>Not exported: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audit/audit_view.py" line="184"/>
        <source>Exportada a {0}</source>
        <translation>Exported to {0}</translation>
    </message>
</context>
<context>
    <name>BanavimActions</name>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="53"/>
        <source>Seleccione un expediente</source>
        <translation>Select a case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="93"/>
        <source>Marcando…</source>
        <translation>Marking…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="95"/>
        <source>marcar para BANAVIM</source>
        <translation>mark for BANAVIM</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="98"/>
        <source>Registrando el folio…</source>
        <translation>Recording the folio…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="101"/>
        <source>registrar el folio BANAVIM</source>
        <translation>record the BANAVIM folio</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="109"/>
        <source>Rechazado: {0}</source>
        <translation>Refused: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="119"/>
        <source>Folio {0} registrado</source>
        <translation>Folio {0} recorded</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="120"/>
        <source>Marcado para BANAVIM: exporte su registro</source>
        <translation>Marked for BANAVIM: export its record</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="127"/>
        <source>Guardar registro BANAVIM</source>
        <translation>Save BANAVIM record</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="134"/>
        <source>exportar el registro BANAVIM</source>
        <translation>export the BANAVIM record</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="153"/>
        <source>{0} registro(s) guardados en {1}</source>
        <translation>{0} record(s) saved to {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="154"/>
        <source>Nada guardado</source>
        <translation>Nothing saved</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_actions.py" line="155"/>
        <source>No se exportó: {0}</source>
        <translation>Not exported: {0}</translation>
    </message>
</context>
<context>
    <name>BanavimDialog</name>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="38"/>
        <source>Registro BANAVIM — {0}</source>
        <translation>BANAVIM registration — {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="41"/>
        <source>Último episodio</source>
        <translation>Latest episode</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="44"/>
        <source>Episodio del {0} ({1})</source>
        <translation>Episode of {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="48"/>
        <source>Marcar para BANAVIM</source>
        <translation>Mark for BANAVIM</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="51"/>
        <source>Exportar JSON…</source>
        <translation>Export JSON…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="54"/>
        <source>Exportar CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="60"/>
        <source>Folio que dio BANAVIM</source>
        <translation>Folio given by BANAVIM</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="66"/>
        <source>Registrar folio</source>
        <translation>Record folio</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="72"/>
        <source>Cerrar</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="75"/>
        <source>Episodio</source>
        <translation>Episode</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="76"/>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="100"/>
        <source>Sin marcar</source>
        <translation>Not marked</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="102"/>
        <source>Registrado en BANAVIM: folio {0} ({1})</source>
        <translation>Registered in BANAVIM: folio {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="105"/>
        <source>Marcado por {0}; falta el folio</source>
        <translation>Marked by {0}; folio pending</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/banavim/banavim_dialog.py" line="122"/>
        <source>Escriba el folio que dio BANAVIM</source>
        <translation>Type the folio BANAVIM gave</translation>
    </message>
</context>
<context>
    <name>CacheNotice</name>
    <message>
        <location filename="../../c4console/gui/shell/cache_notice.py" line="15"/>
        <source>su contraseña cambió desde la última sesión en esta estación</source>
        <translation>your password changed since the last session at this workstation</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/cache_notice.py" line="17"/>
        <source>era de otra cuenta, que la recupera en su próxima sesión aquí</source>
        <translation>it belonged to another account, which gets it back at its next session here</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/cache_notice.py" line="19"/>
        <source>su clave ya no está en el llavero del sistema ni junto a la copia</source>
        <translation>its key is no longer in the system keyring nor beside the copy</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/cache_notice.py" line="21"/>
        <source>su clave no la abre (dañada o reemplazada)</source>
        <translation>its key does not open it (damaged or replaced)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/cache_notice.py" line="22"/>
        <source>era de una versión sin cifrado; se borró</source>
        <translation>it came from a version without encryption; it was deleted</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/cache_notice.py" line="25"/>
        <source>La copia local cifrada no se pudo abrir ({0}): se reconstruye desde la central</source>
        <translation>The encrypted local copy could not be opened ({0}): it is being rebuilt from the central</translation>
    </message>
</context>
<context>
    <name>CallActions</name>
    <message>
        <location filename="../../c4console/gui/calls/call_actions.py" line="36"/>
        <source>Reclasificar… (Ctrl+R)</source>
        <translation>Reclassify… (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_actions.py" line="39"/>
        <source>Turnar a especialistas (Ctrl+T)</source>
        <translation>Hand to specialists (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_actions.py" line="41"/>
        <source>Reclasificar</source>
        <translation>Reclassify</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_actions.py" line="42"/>
        <source>Turnar a especialistas</source>
        <translation>Hand to specialists</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_actions.py" line="60"/>
        <source>Seleccione un incidente para reclasificar</source>
        <translation>Select an incident to reclassify</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_actions.py" line="65"/>
        <source>reclasificar</source>
        <translation>reclassify</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_actions.py" line="73"/>
        <source>Seleccione un incidente para turnar</source>
        <translation>Select an incident to hand over</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_actions.py" line="85"/>
        <source>turnar a especialistas</source>
        <translation>hand over to the specialists</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_actions.py" line="86"/>
        <source>{0} turnado a la mesa de especialistas</source>
        <translation>{0} handed to the specialist desk</translation>
    </message>
</context>
<context>
    <name>CallForm</name>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="89"/>
        <source>Guardar (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="90"/>
        <source>Cancelar (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="153"/>
        <source>Datos mínimos {0} / {1}</source>
        <translation>Minimum data {0} / {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="156"/>
        <source>número oculto</source>
        <translation>withheld number</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="157"/>
        <source>Llamada de {0} · contestada {1}</source>
        <translation>Call from {0} · answered {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="160"/>
        <source>Llamada capturada a mano</source>
        <translation>Call entered by hand</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="208"/>
        <source>Posición del operador telefónico (radio {0} m)</source>
        <translation>Carrier&apos;s position (radius {0} m)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="211"/>
        <source>Sin ubicación: escriba una dirección o elija en el mapa</source>
        <translation>No location: type an address or pick it on the map</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="216"/>
        <source>⚠ Fuera de la jurisdicción: se toma la llamada y se marca para transferir</source>
        <translation>⚠ Outside the jurisdiction: the call is taken and flagged for transfer</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="219"/>
        <source>Sector {0} · cuadrante {1} · colonia {2}</source>
        <translation>Sector {0} · cuadrante {1} · colonia {2}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="256"/>
        <source>No hay posible duplicado que vincular</source>
        <translation>No possible duplicate to link to</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="296"/>
        <source>Elija el tipo de incidente (escriba código o palabras)</source>
        <translation>Choose the incident type (type a code or words)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="298"/>
        <source>Escriba el motivo del cambio de prioridad</source>
        <translation>Type the reason for the priority change</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="301"/>
        <source>La narrativa tiene {0} caracteres; el máximo es {1}</source>
        <translation>The narrative has {0} characters; the maximum is {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="404"/>
        <source>Hay datos escritos: pulse Esc otra vez para descartar la llamada, o siga escribiendo</source>
        <translation>Something was typed: press Esc again to discard the call, or keep typing</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_form.py" line="413"/>
        <source>La central rechazó la llamada: {0} ({1})</source>
        <translation>The central refused the call: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="8"/>
        <source>Llamada de emergencia</source>
        <translation>Emergency call</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="25"/>
        <source>Canal:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="39"/>
        <source>Número de devolución:</source>
        <translation>Callback number:</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="53"/>
        <source>Quien llama:</source>
        <translation>Caller:</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="67"/>
        <source>&amp;Ubicación:</source>
        <translation>&amp;Location:</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="77"/>
        <source>Calle y número, cruce, colonia o lugar conocido</source>
        <translation>Street and number, crossing, colonia or landmark</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="104"/>
        <source>&amp;Tipo (CNIE):</source>
        <translation>&amp;Type (CNIE):</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="114"/>
        <source>Código o palabras: «violencia fam»</source>
        <translation>Code or words: «violencia fam»</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="134"/>
        <source>&amp;Prioridad:</source>
        <translation>&amp;Priority:</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="148"/>
        <source>Motivo del cambio:</source>
        <translation>Reason for the change:</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="158"/>
        <source>Obligatorio si cambia la prioridad del tipo</source>
        <translation>Required if the type&apos;s priority is changed</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="165"/>
        <source>&amp;Narrativa:</source>
        <translation>&amp;Narrative:</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="188"/>
        <source>&amp;Víctima:</source>
        <translation>&amp;Victim:</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="202"/>
        <source>Es ella: vincular su &amp;expediente</source>
        <translation>It is her: link her cas&amp;e</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="209"/>
        <source>&amp;Agresor:</source>
        <translation>&amp;Aggressor:</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="223"/>
        <source>Testigo:</source>
        <translation>Witness:</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="237"/>
        <source>Armas:</source>
        <translation>Weapons:</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="247"/>
        <source>Separadas por comas: arma blanca, arma de fuego</source>
        <translation>Comma separated: knife, firearm</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="254"/>
        <source>&amp;Hay niñas o niños presentes</source>
        <translation>&amp;Children present</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="268"/>
        <source>Posibles duplicados (Ctrl+D vincula la llamada al seleccionado):</source>
        <translation>Possible duplicates (Ctrl+D links the call to the selected one):</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="301"/>
        <source>Elegir en el &amp;mapa</source>
        <translation>Pick on the &amp;map</translation>
    </message>
    <message>
        <location filename="../../ui/call_form.ui" line="311"/>
        <source>Vincular a duplicado (Ctrl+D)</source>
        <translation>Link to duplicate (Ctrl+D)</translation>
    </message>
</context>
<context>
    <name>CallTaker</name>
    <message>
        <location filename="../../c4console/gui/calls/call_taker.py" line="91"/>
        <source>leer las calles de la central</source>
        <translation>read the central&apos;s streets</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_taker.py" line="140"/>
        <source>La central no tiene la llamada {0}</source>
        <translation>The central has no call {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_taker.py" line="154"/>
        <source>guardar la llamada</source>
        <translation>save the call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_taker.py" line="157"/>
        <source>vincular la llamada</source>
        <translation>link the call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_taker.py" line="164"/>
        <source>no se pudo escribir en la bandeja de salida</source>
        <translation>could not write to the outbox</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_taker.py" line="177"/>
        <source>Llamada guardada: F4 despacha la unidad recomendada</source>
        <translation>Call saved: F4 dispatches the recommended unit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_taker.py" line="180"/>
        <source>Llamada vinculada a {0}</source>
        <translation>Call linked to {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_taker.py" line="206"/>
        <source>Sin mapa: escriba la dirección</source>
        <translation>No map: type the address</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/call_taker.py" line="209"/>
        <source>Haga clic en el lugar de la llamada (Esc cancela)</source>
        <translation>Click the call&apos;s place (Esc cancels)</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="58"/>
        <source>Abrir expediente… (Ctrl+E)</source>
        <translation>Open case file… (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="61"/>
        <source>Vincular duplicado al expediente (Ctrl+L)</source>
        <translation>Link duplicate to the case file (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="64"/>
        <source>Confirmar expediente sugerido</source>
        <translation>Confirm suggested case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="66"/>
        <source>Evaluar riesgo…</source>
        <translation>Assess risk…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="70"/>
        <source>Abrir expediente</source>
        <translation>Open case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="71"/>
        <source>Vincular duplicado</source>
        <translation>Link duplicate</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="72"/>
        <source>Confirmar sugerido</source>
        <translation>Confirm suggested</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="73"/>
        <source>Evaluar riesgo</source>
        <translation>Assess risk</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="121"/>
        <source>Expedientes</source>
        <translation>Case files</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="122"/>
        <source>&amp;Expedientes</source>
        <translation>&amp;Case files</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="122"/>
        <source>Expedientes…</source>
        <translation>Case files…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="142"/>
        <source>Seleccione un incidente para abrir su expediente</source>
        <translation>Select an incident to open its case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="148"/>
        <source>El incidente {0} ya tiene expediente ({1})</source>
        <translation>Incident {0} already has a case file ({1})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="154"/>
        <source>abrir el expediente</source>
        <translation>open the case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="178"/>
        <source>No hay posibles duplicados de este incidente</source>
        <translation>This incident has no possible duplicates</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="181"/>
        <source>vincular el duplicado</source>
        <translation>link the duplicate</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="190"/>
        <source>No hay expedientes sugeridos para este incidente</source>
        <translation>No case files are suggested for this incident</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="192"/>
        <source>vincular al expediente</source>
        <translation>link to the case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="200"/>
        <source>Este incidente no tiene expediente: ábralo primero</source>
        <translation>This incident has no case file: open one first</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_actions.py" line="212"/>
        <source>guardar la evaluación</source>
        <translation>save the assessment</translation>
    </message>
</context>
<context>
    <name>CaseLabels</name>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="25"/>
        <source>sin evaluar</source>
        <translation>not assessed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="27"/>
        <source>no apreciado</source>
        <translation>not appreciable</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="28"/>
        <source>bajo</source>
        <translation>low</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="29"/>
        <source>medio</source>
        <translation>medium</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="30"/>
        <source>ALTO</source>
        <translation>HIGH</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="31"/>
        <source>EXTREMO</source>
        <translation>EXTREME</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="37"/>
        <source>Riesgo: {0}</source>
        <translation>Risk: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="49"/>
        <source>Mujer</source>
        <translation>Woman</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="50"/>
        <source>Hombre</source>
        <translation>Man</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="51"/>
        <source>Otro</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="52"/>
        <source>No registrado</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="59"/>
        <location filename="../../c4console/gui/cases/case_labels.py" line="60"/>
        <source>misma persona</source>
        <translation>same person</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="61"/>
        <source>misma beneficiaria</source>
        <translation>same beneficiary</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="62"/>
        <location filename="../../c4console/gui/cases/case_labels.py" line="63"/>
        <source>mismo número</source>
        <translation>same number</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="64"/>
        <source>mismo WhatsApp</source>
        <translation>same WhatsApp</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="65"/>
        <location filename="../../c4console/gui/cases/case_labels.py" line="66"/>
        <source>mismo dispositivo</source>
        <translation>same device</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="67"/>
        <location filename="../../c4console/gui/cases/case_labels.py" line="68"/>
        <source>mismo domicilio (50 m)</source>
        <translation>same address (50 m)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="69"/>
        <source>cerca (200 m, 10 min)</source>
        <translation>nearby (200 m, 10 min)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_labels.py" line="77"/>
        <source> a {0:.0f} m</source>
        <translation> at {0:.0f} m</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="62"/>
        <source>Buscar por nombre…</source>
        <translation>Search by name…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="73"/>
        <source>Evaluar riesgo…</source>
        <translation>Assess risk…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="79"/>
        <source>Orden de protección</source>
        <translation>Protection order</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="80"/>
        <source>Zonas de exclusión…</source>
        <translation>Exclusion zones…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="84"/>
        <source>Registro BANAVIM…</source>
        <translation>BANAVIM registration…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="88"/>
        <source>Canalizar…</source>
        <translation>Refer…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="93"/>
        <source>Registrar intervención…</source>
        <translation>Record intervention…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="98"/>
        <source>Compartir con una institución…</source>
        <translation>Share with an agency…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="198"/>
        <source>Seleccione un expediente</source>
        <translation>Select a case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="204"/>
        <source>Expediente {0} · {1} · nacimiento: {2}</source>
        <translation>Case file {0} · {1} · born: {2}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="207"/>
        <source>Domicilio: {0} {1}</source>
        <translation>Address: {0} {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="209"/>
        <source>Teléfonos: {0}</source>
        <translation>Phones: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="210"/>
        <source>Órdenes de protección</source>
        <translation>Protection orders</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="212"/>
        <source>VIGENTE</source>
        <translation>IN FORCE</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="212"/>
        <source>no vigente</source>
        <translation>not in force</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="216"/>
        <source>Ninguna registrada</source>
        <translation>None recorded</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="217"/>
        <source>Historial de riesgo</source>
        <translation>Risk history</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="222"/>
        <source>Sin evaluación</source>
        <translation>Not assessed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="225"/>
        <source>Reevaluar el {0}</source>
        <translation>Reassess on {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="226"/>
        <source>Agresores</source>
        <translation>Aggressors</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="228"/>
        <source>con acceso a armas</source>
        <translation>with access to weapons</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="228"/>
        <source>sin acceso a armas</source>
        <translation>without access to weapons</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="232"/>
        <source>Ninguno registrado</source>
        <translation>None recorded</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_panel.py" line="233"/>
        <source>Incidentes vinculados: {0}</source>
        <translation>Linked incidents: {0}</translation>
    </message>
</context>
<context>
    <name>CaseSections</name>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="72"/>
        <source>Institución</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="72"/>
        <source>Nivel</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="72"/>
        <source>Desde</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="72"/>
        <source>Hasta</source>
        <translation>Until</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="73"/>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="73"/>
        <source>Compartió</source>
        <translation>Shared by</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="73"/>
        <source>Estado</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="79"/>
        <source>Retirar…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="82"/>
        <source>Compartir notas psicológicas…</source>
        <translation>Share psychological notes…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="96"/>
        <source>Consultar lecturas</source>
        <translation>Ask for reads</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="99"/>
        <location filename="../../c4console/gui/cases/case_sections.py" line="242"/>
        <source>Se consultan en la central al pulsar el botón</source>
        <translation>Asked of the central when you press the button</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="114"/>
        <source>Compartido con</source>
        <translation>Shared with</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="115"/>
        <source>Lecturas de otras instituciones</source>
        <translation>Reads by other agencies</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="116"/>
        <source>Línea de tiempo</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="153"/>
        <source>sin fecha</source>
        <translation>no end date</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="164"/>
        <source>Retirado el {0} por {1}: {2}</source>
        <translation>Revoked on {0} by {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="167"/>
        <source>Terminado</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="169"/>
        <source>Vigente</source>
        <translation>In force</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="171"/>
        <source> · con notas psicológicas ({0}: {1})</source>
        <translation> · with psychological notes ({0}: {1})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="213"/>
        <source>Sin entradas</source>
        <translation>No entries</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="222"/>
        <source>Consultando a la central…</source>
        <translation>Asking the central…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="234"/>
        <source>{0} · {1} ({2}) · {3} · nivel {4}: {5}</source>
        <translation>{0} · {1} ({2}) · {3} · level {4}: {5}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="239"/>
        <source> · RECHAZADA (no compartido)</source>
        <translation> · REFUSED (not shared)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="244"/>
        <source>{0} lecturas</source>
        <translation>{0} reads</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/case_sections.py" line="246"/>
        <source>Ninguna institución ha leído este expediente</source>
        <translation>No agency has read this case</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="164"/>
        <source>Descargar archivo</source>
        <translation>Download file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="174"/>
        <source>Escriba una respuesta y pulse Intro</source>
        <translation>Type a reply and press Enter</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="176"/>
        <source>Enviar</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="181"/>
        <source>Respuestas rápidas</source>
        <translation>Quick replies</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="186"/>
        <source>Enviar respuesta rápida</source>
        <translation>Send quick reply</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="240"/>
        <source>Seleccione un incidente que llegó por WhatsApp</source>
        <translation>Select an incident that came in by WhatsApp</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="250"/>
        <source>{0} · {1} · {2} mensajes</source>
        <translation>{0} · {1} · {2} messages</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="267"/>
        <source>📍 Ubicación {0:.5f}, {1:.5f} {2}</source>
        <translation>📍 Location {0:.5f}, {1:.5f} {2}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="270"/>
        <source>🖼 Imagen {0}</source>
        <translation>🖼 Image {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="274"/>
        <source>(archivo no descargado)</source>
        <translation>(file not downloaded)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="275"/>
        <source>(descargando archivo…)</source>
        <translation>(downloading file…)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="277"/>
        <source>📎 descargar ({0:.0f} kB)</source>
        <translation>📎 download ({0:.0f} kB)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="281"/>
        <source>Ella</source>
        <translation>She</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="298"/>
        <source>⏳ pendiente</source>
        <translation>⏳ pending</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="299"/>
        <source>✓ enviado</source>
        <translation>✓ sent</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="299"/>
        <source>✓✓ entregado</source>
        <translation>✓✓ delivered</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="300"/>
        <source>✓✓ leído</source>
        <translation>✓✓ read</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="300"/>
        <source>⚠ no enviado</source>
        <translation>⚠ not sent</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="301"/>
        <source>… reintentando</source>
        <translation>… retrying</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="301"/>
        <source>… enviando</source>
        <translation>… sending</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="320"/>
        <source>No se pudo traer la imagen: {0}</source>
        <translation>Could not fetch the image: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="326"/>
        <source>La imagen recibida no se puede mostrar</source>
        <translation>The received image cannot be shown</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="360"/>
        <source>No se pudo descargar el archivo: {0}</source>
        <translation>Could not download the file: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/chat/chat_panel.py" line="363"/>
        <source>Archivo guardado en {0}</source>
        <translation>File saved in {0}</translation>
    </message>
</context>
<context>
    <name>ConsoleController</name>
    <message>
        <location filename="../../c4console/gui/shell/controller.py" line="90"/>
        <source>Solo se atiende un incidente nuevo</source>
        <translation>Only a new incident can be acknowledged</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/controller.py" line="102"/>
        <source>No hay unidades disponibles con posición conocida</source>
        <translation>No available units with a known position</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/controller.py" line="116"/>
        <source>Para cerrar hay que indicar la disposición</source>
        <translation>Closing needs a disposition</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/controller.py" line="149"/>
        <source>La unidad {0} ya está en ese estado</source>
        <translation>Unit {0} already has that status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/controller.py" line="153"/>
        <source>Para poner una unidad fuera de servicio hay que indicar el motivo</source>
        <translation>Taking a unit out of service needs a reason</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/controller.py" line="170"/>
        <source>La unidad {0} ya está en el sector {1}</source>
        <translation>Unit {0} is already in sector {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/controller.py" line="174"/>
        <source>La unidad {0} está atendiendo un incidente; libérela antes de cambiarla de sector</source>
        <translation>Unit {0} is working an incident; release it before moving it to another sector</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/controller.py" line="214"/>
        <source>Sin expediente al cual vincular: abra el expediente primero</source>
        <translation>No case file to link to: open the case file first</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/controller.py" line="219"/>
        <source>Ese incidente ya está en el expediente</source>
        <translation>That incident is already in the case file</translation>
    </message>
</context>
<context>
    <name>ConsoleSession</name>
    <message>
        <location filename="../../c4console/gui/shell/session.py" line="105"/>
        <source>La central no responde y esa contraseña no abre la copia local de esta estación: revise usuario y contraseña</source>
        <translation>The central does not answer and that password does not open this workstation&apos;s local copy: check user name and password</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/session.py" line="158"/>
        <source>Sin jurisdicción de la central (ni copia guardada): el mapa muestra la jurisdicción de ejemplo de la consola</source>
        <translation>No jurisdiction from the central (and no saved copy): the map shows the console&apos;s sample jurisdiction</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/session.py" line="183"/>
        <location filename="../../c4console/gui/shell/session.py" line="206"/>
        <source>La sesión con la central terminó: escriba su contraseña para seguir</source>
        <translation>The session with the central ended: type your password to go on</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/session.py" line="277"/>
        <source>Verificación en dos pasos activada: escriba el código que muestra su aplicación.</source>
        <translation>Two-step verification is on: type the code your app shows.</translation>
    </message>
</context>
<context>
    <name>ConsoleStatusBar</name>
    <message>
        <location filename="../../c4console/gui/shell/status_bar.py" line="42"/>
        <source>La central rechazó la acción: {0} ({1})</source>
        <translation>The central refused the action: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/status_bar.py" line="48"/>
        <source>● Central conectada</source>
        <translation>● Central connected</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/status_bar.py" line="51"/>
        <source>● Sin conexión</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/status_bar.py" line="57"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/status_bar.py" line="61"/>
        <source>Pendientes: {0}</source>
        <translation>Pending: {0}</translation>
    </message>
</context>
<context>
    <name>DeskActions</name>
    <message>
        <location filename="../../c4console/gui/specialists/desk_actions.py" line="77"/>
        <source>Mesa de especialistas</source>
        <translation>Specialist desk</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_actions.py" line="78"/>
        <source>Mesa de especialistas…</source>
        <translation>Specialist desk…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_actions.py" line="78"/>
        <source>&amp;Especialistas</source>
        <translation>&amp;Specialists</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_actions.py" line="112"/>
        <source>Esta solicitud no tiene expediente: ábralo desde su incidente</source>
        <translation>This request has no case file: open it from her incident</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_actions.py" line="193"/>
        <source>registrar la intervención</source>
        <translation>record the intervention</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_actions.py" line="196"/>
        <source>agendar el próximo contacto</source>
        <translation>schedule the next contact</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_actions.py" line="216"/>
        <source>Intervención registrada</source>
        <translation>Intervention recorded</translation>
    </message>
</context>
<context>
    <name>DeskLabels</name>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="13"/>
        <source>Psicológica</source>
        <translation>Psychological</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="14"/>
        <source>Jurídica</source>
        <translation>Legal</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="15"/>
        <source>Psicológica y jurídica</source>
        <translation>Psychological and legal</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="20"/>
        <source>Llamada 911</source>
        <translation>911 call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="21"/>
        <source>Línea telefónica</source>
        <translation>Phone line</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="22"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="23"/>
        <source>Videollamada</source>
        <translation>Video call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="24"/>
        <source>Presencial</source>
        <translation>In person</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="29"/>
        <source>Acompañamiento previo</source>
        <translation>Prior accompaniment</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="30"/>
        <source>12 a 48 h después del episodio</source>
        <translation>12 to 48 h after the episode</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="31"/>
        <source>Subsecuente</source>
        <translation>Subsequent</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="32"/>
        <source>Seguimiento</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="37"/>
        <source>psicológica</source>
        <translation>psychological</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_labels.py" line="38"/>
        <source>jurídica</source>
        <translation>legal</translation>
    </message>
</context>
<context>
    <name>DeskModel</name>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="51"/>
        <source>Riesgo</source>
        <translation>Risk</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="51"/>
        <source>Espera</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="51"/>
        <source>Origen</source>
        <translation>Origin</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="52"/>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="52"/>
        <source>Mesas</source>
        <translation>Desks</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="52"/>
        <source>Qué</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="98"/>
        <source>Turnada</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="100"/>
        <source>Seguimiento NO REALIZADO</source>
        <translation>Follow-up MISSED</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="101"/>
        <source>Seguimiento de hoy</source>
        <translation>Follow-up due today</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="109"/>
        <source>Seguimiento por {0}</source>
        <translation>Follow-up by {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="113"/>
        <source>WhatsApp · {0}</source>
        <translation>WhatsApp · {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="115"/>
        <source>Llamada 911 · {0}</source>
        <translation>911 call · {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="115"/>
        <source>Llamada 911</source>
        <translation>911 call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_model.py" line="116"/>
        <source>Incidente {0}</source>
        <translation>Incident {0}</translation>
    </message>
</context>
<context>
    <name>DeskPanel</name>
    <message>
        <location filename="../../c4console/gui/specialists/desk_panel.py" line="52"/>
        <source>Atender (Enter)</source>
        <translation>Attend (Enter)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_panel.py" line="95"/>
        <source>{0} en espera</source>
        <translation>{0} waiting</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/desk_panel.py" line="97"/>
        <source>{0} seguimiento(s) no realizado(s)</source>
        <translation>{0} missed follow-up(s)</translation>
    </message>
</context>
<context>
    <name>DeviceEditor</name>
    <message>
        <location filename="../../ui/device_editor.ui" line="83"/>
        <source>Sin entregar</source>
        <translation>Not delivered</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="99"/>
        <source>Sin fecha</source>
        <translation>No date</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="96"/>
        <source>Borrar la fecha de entrega</source>
        <translation>Clear the delivery date</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="110"/>
        <source>Prueba de activación</source>
        <translation>Test activation</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="117"/>
        <source>Cancelar prueba</source>
        <translation>Cancel test</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="24"/>
        <source>Dispositivo</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="37"/>
        <source>Identificador (IMEI o app)</source>
        <translation>Identifier (IMEI or app)</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="54"/>
        <source>Modelo</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="71"/>
        <source>Fecha de entrega</source>
        <translation>Delivery date</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="126"/>
        <source>Modo prueba</source>
        <translation>Test mode</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="140"/>
        <source>Ciclo de vida</source>
        <translation>Lifecycle</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="157"/>
        <source>Entregó</source>
        <translation>Delivered by</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="170"/>
        <source>Quien entrega (vacío: usted)</source>
        <translation>Who hands it over (empty: you)</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="179"/>
        <source>Capacitación dada por</source>
        <translation>Training given by</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="197"/>
        <source>Siguiente paso</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="204"/>
        <source>Fin de uso</source>
        <translation>End of use</translation>
    </message>
    <message>
        <location filename="../../ui/device_editor.ui" line="216"/>
        <source>Historial</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device.py" line="119"/>
        <source>En prueba hasta las %1 (armado por %2): su próxima activación es la prueba</source>
        <translation>In test mode until %1 (armed by %2): her next activation is the test</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device.py" line="123"/>
        <source>Prueba vencida sin activación: sus alarmas son reales</source>
        <translation>Test expired without an activation: her alarms are real</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device.py" line="125"/>
        <source>Sin prueba (la última la canceló %1)</source>
        <translation>No test (the last one was cancelled by %1)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device.py" line="128"/>
        <source>Sin prueba: sus alarmas son reales</source>
        <translation>No test: her alarms are real</translation>
    </message>
</context>
<context>
    <name>DeviceImporter</name>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="128"/>
        <source>Importar dispositivos entregados</source>
        <translation>Import delivered devices</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="129"/>
        <source>Archivos CSV (*.csv);;Todos los archivos (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="140"/>
        <source>El archivo pesa %1 KiB; el máximo es %2 KiB. Divídalo en partes.</source>
        <translation>The file is %1 KiB; the maximum is %2 KiB. Split it into parts.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="147"/>
        <source>la consola aún no está conectada a la central</source>
        <translation>the console is not connected to the central yet</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="150"/>
        <source>La central no importó ninguna fila de %1:
%2</source>
        <translation>The central imported no row of %1:
%2</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="155"/>
        <source>No se pudo enviar %1: %2</source>
        <translation>Could not send %1: %2</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="164"/>
        <source>Importar CSV</source>
        <translation>Import CSV</translation>
    </message>
</context>
<context>
    <name>DeviceLifeSection</name>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="86"/>
        <source>Devuelto por ella</source>
        <translation>Returned by her</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="87"/>
        <source>Perdido</source>
        <translation>Lost</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="87"/>
        <source>Dañado</source>
        <translation>Broken</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="121"/>
        <source>Sin siguiente paso</source>
        <translation>No next step</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="132"/>
        <source>riesgo al aprobar: %1</source>
        <translation>risk at approval: %1</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="134"/>
        <source>entregado %1</source>
        <translation>delivered %1</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="136"/>
        <source>por %1</source>
        <translation>by %1</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="138"/>
        <source>capacitación: %1</source>
        <translation>training: %1</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="139"/>
        <source>sin capacitación</source>
        <translation>no training</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="141"/>
        <source>prueba: %1</source>
        <translation>test: %1</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="143"/>
        <source>(con grabación)</source>
        <translation>(recorded)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="169"/>
        <source>Aún no hay llamada de prueba de este dispositivo: pulse «Prueba de activación» y pídale que lo active.</source>
        <translation>This device has no test call yet: press “Test activation” and ask her to press the button.</translation>
    </message>
</context>
<context>
    <name>ExclusionZonesDialog</name>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="44"/>
        <source>Domicilio</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="44"/>
        <source>Trabajo</source>
        <translation>Work</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="45"/>
        <source>Escuela</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="45"/>
        <source>Otro lugar</source>
        <translation>Other place</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="83"/>
        <source>Su dirección ({0}) no está ubicada en el mapa: haga clic en el mapa para el centro</source>
        <translation>Her address ({0}) is not placed on the map: click on the map for the centre</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="132"/>
        <source>{0} · polígono de {1} esquinas</source>
        <translation>{0} · polygon of {1} corners</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="133"/>
        <source>{0} · círculo de {1} m</source>
        <translation>{0} · circle of {1} m</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="156"/>
        <source>Haga clic en el mapa en el centro del círculo (Esc cancela)</source>
        <translation>Click on the map at the circle&apos;s centre (Esc cancels)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="160"/>
        <source>Haga clic en el mapa en cada esquina; Intro o doble clic cierra el polígono, Esc cancela</source>
        <translation>Click on the map at each corner; Enter or a double click closes the polygon, Esc cancels</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="186"/>
        <source>Enviando a la central…</source>
        <translation>Sending to the central…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="193"/>
        <source>Zonas guardadas</source>
        <translation>Zones saved</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="203"/>
        <source>La central rechazó las zonas: {0}</source>
        <translation>The central refused the zones: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="208"/>
        <source>el radio de un círculo debe estar entre 50 m y 10 km</source>
        <translation>a circle&apos;s radius must be between 50 m and 10 km</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="209"/>
        <source>el polígono se cruza a sí mismo: dibuje su contorno sin líneas que se crucen</source>
        <translation>the polygon crosses itself: draw its outline without crossing lines</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="211"/>
        <source>el polígono mide más de 20 km de lado a lado</source>
        <translation>the polygon is more than 20 km across</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="212"/>
        <source>la distancia a guardar debe ser 0 (ninguna) o entre 50 m y 10 km</source>
        <translation>the distance to keep must be 0 (none) or between 50 m and 10 km</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="214"/>
        <source>ese rastreador está registrado como dispositivo de ella: el del agresor debe ser otro</source>
        <translation>that tracker is registered as her device: the aggressor&apos;s must be another one</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="216"/>
        <source>indique el rastreador del agresor: las zonas se vigilan en su dispositivo</source>
        <translation>give the aggressor&apos;s tracker: the zones are watched on his device</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="218"/>
        <source>ese rastreador ya está en uso (otro tipo de dispositivo u otra orden)</source>
        <translation>that tracker is already in use (another kind of device or another order)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="220"/>
        <source>el expediente no tiene esa orden de protección</source>
        <translation>the case has no such protection order</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="221"/>
        <source>su rol no puede definir zonas de exclusión</source>
        <translation>your role may not set exclusion zones</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zones_dialog.py" line="223"/>
        <source>zona no válida</source>
        <translation>invalid zone</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="9"/>
        <source>Zonas de exclusión</source>
        <translation>Exclusion zones</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="15"/>
        <source>Orden de protección {0} · {1}</source>
        <translation>Protection order {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="30"/>
        <source>Lugar:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="43"/>
        <source>Radio del círculo:</source>
        <translation>Circle radius:</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="53"/>
        <location filename="../../ui/exclusion_zones.ui" line="132"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="69"/>
        <source>Nombre de la zona:</source>
        <translation>Zone name:</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="79"/>
        <source>p. ej. Casa, Escuela de sus hijos</source>
        <translation>e.g. Home, Her children&apos;s school</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="90"/>
        <source>Círculo en su dirección</source>
        <translation>Circle at her address</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="97"/>
        <source>Círculo con clic en el mapa</source>
        <translation>Circle by a click on the map</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="104"/>
        <source>Dibujar polígono en el mapa</source>
        <translation>Draw a polygon on the map</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="111"/>
        <source>Quitar zona</source>
        <translation>Remove zone</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="122"/>
        <source>Distancia a guardar de ella (0: ninguna):</source>
        <translation>Distance to keep from her (0: none):</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="145"/>
        <source>Rastreador del agresor (id):</source>
        <translation>Aggressor&apos;s tracker (id):</translation>
    </message>
    <message>
        <location filename="../../ui/exclusion_zones.ui" line="162"/>
        <source>Modelo (tobillera, pulsera):</source>
        <translation>Model (ankle, wrist):</translation>
    </message>
</context>
<context>
    <name>FollowCall</name>
    <message>
        <location filename="../../ui/follow_call.ui" line="7"/>
        <source>Registrar llamada de seguimiento</source>
        <translation>Record follow-up call</translation>
    </message>
    <message>
        <location filename="../../ui/follow_call.ui" line="15"/>
        <source>Expediente:</source>
        <translation>Case:</translation>
    </message>
    <message>
        <location filename="../../ui/follow_call.ui" line="28"/>
        <source>Número:</source>
        <translation>Number:</translation>
    </message>
    <message>
        <location filename="../../ui/follow_call.ui" line="41"/>
        <source>&amp;Resultado:</source>
        <translation>&amp;Result:</translation>
    </message>
    <message>
        <location filename="../../ui/follow_call.ui" line="54"/>
        <source>&amp;Incidente:</source>
        <translation>&amp;Incident:</translation>
    </message>
    <message>
        <location filename="../../ui/follow_call.ui" line="67"/>
        <source>&amp;Duración (min):</source>
        <translation>&amp;Duration (min):</translation>
    </message>
    <message>
        <location filename="../../ui/follow_call.ui" line="84"/>
        <source>&amp;Notas:</source>
        <translation>&amp;Notes:</translation>
    </message>
</context>
<context>
    <name>FollowCallDialog</name>
    <message>
        <location filename="../../c4console/gui/follow_up/contact_forms.py" line="70"/>
        <source>(sin número en su expediente)</source>
        <translation>(no number in her case)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/contact_forms.py" line="73"/>
        <source>— elija el incidente abierto —</source>
        <translation>— choose the open incident —</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/contact_forms.py" line="102"/>
        <source>Pide ayuda: abra un incidente, túrnela a especialistas o elija el incidente abierto</source>
        <translation>She asks for help: open an incident, hand her to the specialists or choose the open incident</translation>
    </message>
</context>
<context>
    <name>FollowInterview</name>
    <message>
        <location filename="../../ui/follow_interview.ui" line="7"/>
        <source>Registrar entrevista</source>
        <translation>Record interview</translation>
    </message>
    <message>
        <location filename="../../ui/follow_interview.ui" line="15"/>
        <source>Expediente:</source>
        <translation>Case:</translation>
    </message>
    <message>
        <location filename="../../ui/follow_interview.ui" line="28"/>
        <source>&amp;Fecha:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <location filename="../../ui/follow_interview.ui" line="48"/>
        <source>&amp;Lugar:</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <location filename="../../ui/follow_interview.ui" line="65"/>
        <source>&amp;Quién:</source>
        <translation>&amp;Who:</translation>
    </message>
    <message>
        <location filename="../../ui/follow_interview.ui" line="78"/>
        <source>Oficiales que la entrevistaron</source>
        <translation>Officers who interviewed her</translation>
    </message>
    <message>
        <location filename="../../ui/follow_interview.ui" line="85"/>
        <source>&amp;Notas:</source>
        <translation>&amp;Notes:</translation>
    </message>
    <message>
        <location filename="../../ui/follow_interview.ui" line="98"/>
        <source>&amp;Acuerdos:</source>
        <translation>&amp;Agreements:</translation>
    </message>
</context>
<context>
    <name>FollowUp</name>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="14"/>
        <source>Planeada</source>
        <translation>Planned</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="15"/>
        <source>Comprobada por GPS</source>
        <translation>Proven by GPS</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="16"/>
        <source>Registrada a mano</source>
        <translation>Recorded by hand</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="17"/>
        <source>No realizada</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="24"/>
        <source>Presente, sin novedad</source>
        <translation>Present, all well</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="25"/>
        <source>No estaba</source>
        <translation>Not there</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="26"/>
        <source>Incidente</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="33"/>
        <source>Se habló con ella</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="34"/>
        <source>No contestó</source>
        <translation>Not reached</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="35"/>
        <source>Pide ayuda</source>
        <translation>Asks for help</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="42"/>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="43"/>
        <source>Fuerza Rosa</source>
        <translation>Fuerza Rosa</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="44"/>
        <source>Tránsito</source>
        <translation>Traffic</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="45"/>
        <source>Proximidad</source>
        <translation>Community policing</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="52"/>
        <source>Domicilio</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="53"/>
        <source>Trabajo</source>
        <translation>Work</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="54"/>
        <source>Escuela</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="55"/>
        <source>Otro</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="61"/>
        <source>Visita</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/labels.py" line="62"/>
        <source>Llamada</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/visit_forms.py" line="61"/>
        <source>Abrir incidente</source>
        <translation>Open incident</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/visit_forms.py" line="63"/>
        <source>Turnar a especialistas</source>
        <translation>Hand to specialists</translation>
    </message>
</context>
<context>
    <name>FollowUpForms</name>
    <message>
        <location filename="../../c4console/gui/follow_up/forms_opener.py" line="42"/>
        <source>registrar el resultado de la visita</source>
        <translation>record the visit&apos;s outcome</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/forms_opener.py" line="45"/>
        <source>registrar la visita sin GPS</source>
        <translation>record the visit without GPS</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/forms_opener.py" line="48"/>
        <source>registrar la entrevista</source>
        <translation>record the interview</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/forms_opener.py" line="51"/>
        <source>registrar la llamada de seguimiento</source>
        <translation>record the follow-up call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/forms_opener.py" line="53"/>
        <source>Esta consola no tiene el plan de seguimiento de esa visita</source>
        <translation>This console does not hold that visit&apos;s follow-up plan</translation>
    </message>
</context>
<context>
    <name>FollowUpPanel</name>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="81"/>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="85"/>
        <source>Unidad</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="81"/>
        <source>Hora</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="81"/>
        <source>Lugar</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="82"/>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="82"/>
        <source>Situación</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="82"/>
        <source>Resultado</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="84"/>
        <source>Tipo</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="84"/>
        <source>Riesgo</source>
        <translation>Risk</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="84"/>
        <source>Vencía</source>
        <translation>Was due</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="85"/>
        <source>Retraso</source>
        <translation>Late by</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="85"/>
        <source>Expediente</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="89"/>
        <source>Arrastre una visita a otra unidad del tablero para reasignarla</source>
        <translation>Drag a visit onto another unit of the board to reassign it</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="97"/>
        <source>Cambiar hora</source>
        <translation>Change time</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="98"/>
        <source>Resultado…</source>
        <translation>Outcome…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="100"/>
        <source>Visita sin GPS…</source>
        <translation>Visit without GPS…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="102"/>
        <source>Entrevista…</source>
        <translation>Interview…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="104"/>
        <source>Llamada de seguimiento…</source>
        <translation>Follow-up call…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="115"/>
        <source>Visitas de hoy</source>
        <translation>Today&apos;s visits</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="193"/>
        <source>Atrasadas ({0})</source>
        <translation>Overdue ({0})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="233"/>
        <source>cambiar la hora de la visita</source>
        <translation>change the visit&apos;s time</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="238"/>
        <source>reasignar la visita</source>
        <translation>reassign the visit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="254"/>
        <source>Resultado de la visita…</source>
        <translation>Visit outcome…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="255"/>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="270"/>
        <source>Registrar visita sin GPS…</source>
        <translation>Record visit without GPS…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="256"/>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="273"/>
        <source>Registrar entrevista…</source>
        <translation>Record interview…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="257"/>
        <location filename="../../c4console/gui/follow_up/follow_up_panel.py" line="271"/>
        <source>Registrar llamada de seguimiento…</source>
        <translation>Record follow-up call…</translation>
    </message>
</context>
<context>
    <name>HandoverActions</name>
    <message>
        <location filename="../../c4console/gui/shift/handover_actions.py" line="80"/>
        <source>Reporte de entrega de turno</source>
        <translation>Shift handover report</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_actions.py" line="88"/>
        <source>Reporte de entrega guardado en {0}</source>
        <translation>Handover report saved to {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_actions.py" line="98"/>
        <source>guardar el reporte de entrega</source>
        <translation>save the handover report</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_actions.py" line="102"/>
        <source>imprimir el reporte de entrega</source>
        <translation>print the handover report</translation>
    </message>
</context>
<context>
    <name>HandoverPdf</name>
    <message>
        <location filename="../../c4console/gui/shift/handover_pdf.py" line="48"/>
        <source>Guardar reporte de entrega de turno</source>
        <translation>Save shift handover report</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_pdf.py" line="51"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>HandoverReport</name>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="226"/>
        <source>Siguen abiertos al cierre del turno: {0}</source>
        <translation>Still open at the end of the shift: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="227"/>
        <source>Incidentes abiertos: {0}</source>
        <translation>Open incidents: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="229"/>
        <source>Unidades disponibles: {0} de {1}</source>
        <translation>Units available: {0} of {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="231"/>
        <source>Tiempos de la Norma Técnica 911 vencidos: {0}</source>
        <translation>Norma Técnica 911 times breached: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="233"/>
        <source>Acciones pendientes de confirmar: {0}; rechazadas sin revisar: {1}</source>
        <translation>Actions awaiting confirmation: {0}; refused, not yet reviewed: {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="238"/>
        <source>Abiertos durante el turno: {0}; cerrados durante el turno: {1}</source>
        <translation>Opened during the shift: {0}; closed during the shift: {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="241"/>
        <source>cumplido tarde</source>
        <translation>met late</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="242"/>
        <source>sigue corriendo</source>
        <translation>still running</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="243"/>
        <source>Pendiente</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="244"/>
        <source>Rechazada: {0}</source>
        <translation>Refused: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="264"/>
        <location filename="../../c4console/gui/shift/handover_report.py" line="358"/>
        <source>Folio</source>
        <translation>Folio</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_follow_up.py" line="49"/>
        <source>Atrasadas al entregar: {0} visitas, {1} llamadas</source>
        <translation>Overdue at handover: {0} visits, {1} calls</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_follow_up.py" line="51"/>
        <source>Visitas hechas en el turno: {0} (comprobadas por GPS: {1}; registradas a mano: {2})</source>
        <translation>Visits made in the shift: {0} (proven by GPS: {1}; recorded by hand: {2})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_follow_up.py" line="54"/>
        <source>Entrevistas: {0}</source>
        <translation>Interviews: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_follow_up.py" line="55"/>
        <source>Llamadas de seguimiento: {0} (se habló con ella: {1})</source>
        <translation>Follow-up calls: {0} (reached her: {1})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_follow_up.py" line="61"/>
        <source>Seguimiento de órdenes de protección</source>
        <translation>Follow-up of protection orders</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_follow_up.py" line="63"/>
        <source>Riesgo</source>
        <translation>Risk</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_follow_up.py" line="64"/>
        <source>Vencía</source>
        <translation>Was due</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_follow_up.py" line="64"/>
        <source>Retraso</source>
        <translation>Late by</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_follow_up.py" line="65"/>
        <location filename="../../c4console/gui/shift/handover_report.py" line="265"/>
        <source>Unidad</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_follow_up.py" line="66"/>
        <source>Expediente</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_follow_up.py" line="67"/>
        <source>Ninguna visita ni llamada atrasada.</source>
        <translation>No visit or call overdue.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="266"/>
        <location filename="../../c4console/gui/shift/handover_report.py" line="359"/>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="267"/>
        <source>Situación</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="268"/>
        <source>Generado: {0} · por: {1}</source>
        <translation>Generated: {0} · by: {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="272"/>
        <source>C4 · Reporte de entrega de turno</source>
        <translation>C4 · Shift handover report</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="277"/>
        <source>Siguen abiertos al cierre del turno (pasan al siguiente)</source>
        <translation>Still open at the end of the shift (carried over to the next)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="279"/>
        <source>Incidentes abiertos</source>
        <translation>Open incidents</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="280"/>
        <location filename="../../c4console/gui/shift/handover_report.py" line="369"/>
        <source>Prioridad</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_follow_up.py" line="63"/>
        <location filename="../../c4console/gui/shift/handover_report.py" line="281"/>
        <location filename="../../c4console/gui/shift/handover_report.py" line="328"/>
        <location filename="../../c4console/gui/shift/handover_report.py" line="369"/>
        <location filename="../../c4console/gui/shift/handover_report.py" line="375"/>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="282"/>
        <location filename="../../c4console/gui/shift/handover_report.py" line="370"/>
        <source>Lugar</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="283"/>
        <source>Tiempo</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="284"/>
        <source>No hay incidentes abiertos.</source>
        <translation>No open incidents.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="286"/>
        <source>Tiempos de la Norma Técnica 911 vencidos</source>
        <translation>Norma Técnica 911 times breached</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="287"/>
        <source>Meta</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="288"/>
        <source>Límite</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="289"/>
        <source>Transcurrido</source>
        <translation>Elapsed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="291"/>
        <source>Ningún tiempo vencido en los incidentes abiertos.</source>
        <translation>No time breached on the open incidents.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="293"/>
        <source>Unidades</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="294"/>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="295"/>
        <source>Incidente</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="296"/>
        <source>En estado</source>
        <translation>In status for</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="297"/>
        <source>No hay unidades registradas.</source>
        <translation>No units registered.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="299"/>
        <source>Acciones pendientes</source>
        <translation>Pending actions</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="300"/>
        <location filename="../../c4console/gui/shift/handover_report.py" line="368"/>
        <location filename="../../c4console/gui/shift/handover_report.py" line="374"/>
        <source>Hora</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="300"/>
        <source>Acción</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="301"/>
        <source>Sobre</source>
        <translation>On</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="302"/>
        <source>Detalle</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="304"/>
        <source>Todas las acciones de esta consola están confirmadas por la central.</source>
        <translation>Every action of this console is confirmed by the central.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="307"/>
        <source>Las acciones pendientes son las de esta consola; otras consolas tienen las suyas.</source>
        <translation>Pending actions are this console&apos;s; other consoles have their own.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="326"/>
        <source>Dispositivos sin reporte en 24 h</source>
        <translation>Devices not reported in 24 h</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="327"/>
        <source>Dispositivo</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="329"/>
        <source>Beneficiaria</source>
        <translation>Beneficiary</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="330"/>
        <source>Último reporte</source>
        <translation>Last report</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="331"/>
        <source>Todos los dispositivos reportaron en las últimas 24 horas.</source>
        <translation>Every device reported in the last 24 hours.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="342"/>
        <source>Turno: {0}</source>
        <translation>Shift: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="343"/>
        <source>Periodo: {0} a {1}</source>
        <translation>Period: {0} to {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="345"/>
        <source>Jefe de turno: {0}</source>
        <translation>Shift lead: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="346"/>
        <source>Operadoras: {0}</source>
        <translation>Operators: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="348"/>
        <source>Sectores: {0}</source>
        <translation>Sectors: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="365"/>
        <source>A cargo de</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="367"/>
        <source>Abiertos durante el turno</source>
        <translation>Opened during the shift</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="371"/>
        <source>Ningún incidente se abrió en el turno.</source>
        <translation>No incident was opened during the shift.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="373"/>
        <source>Cerrados durante el turno</source>
        <translation>Closed during the shift</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="376"/>
        <source>Disposición</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_report.py" line="377"/>
        <source>Ningún incidente se cerró en el turno.</source>
        <translation>No incident was closed during the shift.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_devices.py" line="39"/>
        <source>Botón de ella</source>
        <translation>Her panic button</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_devices.py" line="40"/>
        <source>Rastreador de patrulla</source>
        <translation>Patrol tracker</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/handover_devices.py" line="45"/>
        <source>Nunca ha reportado</source>
        <translation>Never reported</translation>
    </message>
</context>
<context>
    <name>HealthBoard</name>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="53"/>
        <source>Dispositivo</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="53"/>
        <source>Beneficiaria</source>
        <translation>Beneficiary</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="53"/>
        <source>Último reporte</source>
        <translation>Last report</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="54"/>
        <source>Batería</source>
        <translation>Battery</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="54"/>
        <source>Señal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="54"/>
        <source>Estado</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="58"/>
        <source>Riesgo</source>
        <translation>Risk</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="58"/>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="58"/>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="58"/>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="59"/>
        <source>Abierta hace</source>
        <translation>Open for</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="67"/>
        <source>Qué dijo ella (nota de la llamada)</source>
        <translation>What she said (call note)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="69"/>
        <source>Registrar llamada</source>
        <translation>Record call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="79"/>
        <source>Llamadas pendientes (mayor riesgo primero)</source>
        <translation>Calls to make (highest risk first)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="95"/>
        <source>Bien</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="95"/>
        <location filename="../../c4console/gui/devices/health_board.py" line="101"/>
        <source>Batería baja</source>
        <translation>Low battery</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="96"/>
        <source>Sin reportar</source>
        <translation>Silent</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="97"/>
        <source>Manipulado</source>
        <translation>Tampered</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="106"/>
        <source>Nunca</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="107"/>
        <source>hace %1</source>
        <translation>%1 ago</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="129"/>
        <source>sin evaluar</source>
        <translation>not assessed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="148"/>
        <source>Patrulla</source>
        <translation>Patrol</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="161"/>
        <source>Dispositivos: %1 · bien %2 · batería baja %3 · sin reportar %4 · manipulados %5</source>
        <translation>Devices: %1 · OK %2 · low battery %3 · silent %4 · tampered %5</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="188"/>
        <source>registrar la llamada</source>
        <translation>record the call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/devices/health_board.py" line="193"/>
        <source>Llamada registrada.</source>
        <translation>Call recorded.</translation>
    </message>
</context>
<context>
    <name>HistorySection</name>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="57"/>
        <source>Historial de la persona</source>
        <translation>The person&apos;s history</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="74"/>
        <source>Posibles duplicados (abiertos):</source>
        <translation>Possible duplicates (open):</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="75"/>
        <source>Expedientes que pueden ser suyos:</source>
        <translation>Case files that may be hers:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="149"/>
        <source>Sin historial</source>
        <translation>No history</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="169"/>
        <source>⚠ REPITE EN 30 DÍAS</source>
        <translation>⚠ REPEAT WITHIN 30 DAYS</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="176"/>
        <source>VIGENTE</source>
        <translation>IN FORCE</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="176"/>
        <source>no vigente</source>
        <translation>not in force</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="178"/>
        <source>Orden {0} · {1} · {2}</source>
        <translation>Order {0} · {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="181"/>
        <source>(hasta {0})</source>
        <translation>(until {0})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="185"/>
        <source>Sin orden de protección registrada</source>
        <translation>No protection order recorded</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="189"/>
        <source>Agresor: {0}</source>
        <translation>Aggressor: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="192"/>
        <source>Último seguimiento: {0} {1}</source>
        <translation>Last follow-up: {0} {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="195"/>
        <source>Último seguimiento: ninguno registrado</source>
        <translation>Last follow-up: none recorded</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="201"/>
        <source>Incidentes previos: {0}</source>
        <translation>Prior incidents: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/history_section.py" line="202"/>
        <source>Sin incidentes previos</source>
        <translation>No prior incidents</translation>
    </message>
</context>
<context>
    <name>HomePicker</name>
    <message>
        <location filename="../../ui/home_picker.ui" line="25"/>
        <source>latitud, longitud</source>
        <translation>latitude, longitude</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_home.py" line="97"/>
        <location filename="../../c4console/gui/registry/registry_home.py" line="98"/>
        <location filename="../../ui/home_picker.ui" line="35"/>
        <source>Elegir en el mapa</source>
        <translation>Pick on the map</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_home.py" line="84"/>
        <source>Haga clic en el domicilio de %1 (Esc cancela)</source>
        <translation>Click the home of %1 (Esc cancels)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_home.py" line="86"/>
        <source>Cancelar selección</source>
        <translation>Cancel picking</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_home.py" line="88"/>
        <source>Elija el domicilio en el mapa.</source>
        <translation>Pick the home on the map.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_home.py" line="111"/>
        <source>Ubicación elegida en el mapa; guarde para enviarla.</source>
        <translation>Location picked on the map; save to send it.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_home.py" line="132"/>
        <source>Fuera de la jurisdicción</source>
        <translation>Outside the jurisdiction</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_home.py" line="134"/>
        <source>Sector %1 · Cuadrante %2 · Colonia %3</source>
        <translation>Sector %1 · Cuadrante %2 · Colonia %3</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_home.py" line="139"/>
        <source>Domicilio de %1</source>
        <translation>Home of %1</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="49"/>
        <source>Importación de dispositivos: %1</source>
        <translation>Device import: %1</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="51"/>
        <source>%1 importados, %2 actualizados, %3 sin cambios, %4 rechazados</source>
        <translation>%1 imported, %2 updated, %3 unchanged, %4 refused</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="58"/>
        <source>Línea</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="58"/>
        <source>Dispositivo</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="58"/>
        <source>Resultado</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="58"/>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="69"/>
        <source>Guardar como CSV…</source>
        <translation>Save as CSV…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="85"/>
        <source>Importado</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="85"/>
        <source>Actualizado</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="86"/>
        <source>Sin cambios</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="86"/>
        <source>Rechazado</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="92"/>
        <source>Guardar el reporte</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="94"/>
        <source>Archivos CSV (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="108"/>
        <source>No se pudo guardar el reporte: %1</source>
        <translation>Could not save the report: %1</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_import.py" line="110"/>
        <source>Reporte guardado en %1</source>
        <translation>Report saved to %1</translation>
    </message>
</context>
<context>
    <name>IncidentDetail</name>
    <message>
        <location filename="../../ui/incident_detail.ui" line="18"/>
        <source>Seleccione un incidente (F2: siguiente alarma nueva)</source>
        <translation>Select an incident (F2: next new alarm)</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="28"/>
        <source>Ubicación y persona</source>
        <translation>Location and person</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="34"/>
        <source>Tipo:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="45"/>
        <source>A cargo de:</source>
        <translation>Owner:</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="56"/>
        <source>Lugar:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="70"/>
        <source>Dispositivo:</source>
        <translation>Device:</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="84"/>
        <source>Persona:</source>
        <translation>Person:</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="98"/>
        <source>Orden de protección:</source>
        <translation>Protection order:</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="115"/>
        <source>Tiempos Norma Técnica 911</source>
        <translation>Norma Técnica 911 times</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="136"/>
        <source>Despacho</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="92"/>
        <source>Cerrar</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="92"/>
        <source>Falsa alarma</source>
        <translation>False alarm</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="93"/>
        <source>Cancelar</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="93"/>
        <source>Prueba</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="172"/>
        <source>Disposición (obligatoria para cerrar)</source>
        <translation>Disposition (required to close)</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="152"/>
        <source>Otra unidad:</source>
        <translation>Other unit:</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="162"/>
        <source>Despachar</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="179"/>
        <source>Finalizar</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="198"/>
        <source>Reproducir grabación</source>
        <translation>Replay recording</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="210"/>
        <source>Agregar nota y Enter (Ctrl+N)</source>
        <translation>Add a note and press Enter (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/incident_detail.ui" line="191"/>
        <source>Bitácora</source>
        <translation>Log</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="176"/>
        <source>  ⏳ {0} pendiente(s)</source>
        <translation>  ⏳ {0} pending</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="183"/>
        <source>Nadie aún</source>
        <translation>Nobody yet</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="192"/>
        <source>Sector {0}</source>
        <translation>Sector {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="196"/>
        <source>Sin ubicación confirmada</source>
        <translation>No confirmed location</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="204"/>
        <source>{0} — a {1:.0f} m de la ubicación confirmada</source>
        <translation>{0} — {1:.0f} m from the confirmed location</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="221"/>
        <source>VENCIDA {0}</source>
        <translation>EXPIRED {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="221"/>
        <source>vigente hasta {0}</source>
        <translation>valid until {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="224"/>
        <source>Agresor: {0}</source>
        <translation>Aggressor: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="231"/>
        <source>Unidad asignada: {0}</source>
        <translation>Assigned unit: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="235"/>
        <source>Recomendada (F4): {0}</source>
        <translation>Recommended (F4): {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="237"/>
        <source>Sin unidades disponibles con posición</source>
        <translation>No available units with a position</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/incident_detail.py" line="254"/>
        <source>Marcador en la grabación {0}</source>
        <translation>Recording bookmark at {0}</translation>
    </message>
</context>
<context>
    <name>IncidentQueueModel</name>
    <message>
        <location filename="../../c4console/gui/incidents/queue_model.py" line="106"/>
        <source>Prioridad</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_model.py" line="106"/>
        <source>Folio</source>
        <translation>Folio</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_model.py" line="106"/>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_model.py" line="106"/>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_model.py" line="107"/>
        <source>Sector / colonia</source>
        <translation>Sector / neighbourhood</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_model.py" line="107"/>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_model.py" line="107"/>
        <source>Tiempo</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_model.py" line="108"/>
        <source>Unidad</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_model.py" line="176"/>
        <source>Tiempos excedidos: {0}</source>
        <translation>Targets breached: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_model.py" line="173"/>
        <source>Activación de prueba del dispositivo: se cronometra y no se despacha; ciérrela como prueba</source>
        <translation>Device test activation: timed, never dispatched; close it as a test</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_model.py" line="178"/>
        <source>{0} acciones pendientes de confirmar por la central</source>
        <translation>{0} actions awaiting the central&apos;s confirmation</translation>
    </message>
</context>
<context>
    <name>InstitutionReferralDialog</name>
    <message>
        <location filename="../../c4console/gui/referrals/referral_dialog.py" line="40"/>
        <source>Expediente {0} · {1}</source>
        <translation>Case {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_dialog.py" line="75"/>
        <source>nada más que su nombre</source>
        <translation>nothing but her name</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_dialog.py" line="76"/>
        <source>Tel. {0} · {1}
{2}
Horario: {3}
Necesita recibir: {4}</source>
        <translation>Phone {0} · {1}
{2}
Hours: {3}
Needs to receive: {4}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_dialog.py" line="108"/>
        <source>Escriba el motivo de la canalización</source>
        <translation>Write the reason for the referral</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_dialog.py" line="110"/>
        <source>{0} necesita recibir: {1}</source>
        <translation>{0} needs to receive: {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_dialog.py" line="121"/>
        <source>La central rechazó el cambio ({0}): {1}</source>
        <translation>The central refused the change ({0}): {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_dialog.py" line="129"/>
        <source>Canalización enviada</source>
        <translation>Referral sent</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_dialog.py" line="144"/>
        <source>SIN CONFIRMAR A TIEMPO</source>
        <translation>NOT CONFIRMED IN TIME</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_dialog.py" line="173"/>
        <source>Diga por qué la rechazaron</source>
        <translation>Say why it was rejected</translation>
    </message>
    <message>
        <location filename="../../ui/institution_referral.ui" line="8"/>
        <source>Canalizar a una institución</source>
        <translation>Refer to an institution</translation>
    </message>
    <message>
        <location filename="../../ui/institution_referral.ui" line="25"/>
        <source>&amp;Institución:</source>
        <translation>&amp;Institution:</translation>
    </message>
    <message>
        <location filename="../../ui/institution_referral.ui" line="48"/>
        <source>&amp;Motivo:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/institution_referral.ui" line="71"/>
        <source>Se &amp;comparte:</source>
        <translation>&amp;Shared:</translation>
    </message>
    <message>
        <location filename="../../ui/institution_referral.ui" line="91"/>
        <source>&amp;Urgencia:</source>
        <translation>&amp;Urgency:</translation>
    </message>
    <message>
        <location filename="../../ui/institution_referral.ui" line="125"/>
        <source>&amp;Enviar canalización</source>
        <translation>Se&amp;nd referral</translation>
    </message>
    <message>
        <location filename="../../ui/institution_referral.ui" line="134"/>
        <source>Sus canalizaciones</source>
        <translation>Her referrals</translation>
    </message>
    <message>
        <location filename="../../ui/institution_referral.ui" line="148"/>
        <source>Motivo (obligatorio si la rechazaron)</source>
        <translation>Reason (required if it was rejected)</translation>
    </message>
    <message>
        <location filename="../../ui/institution_referral.ui" line="155"/>
        <source>Cambiar &amp;estado</source>
        <translation>Change s&amp;tatus</translation>
    </message>
    <message>
        <location filename="../../ui/institution_referral.ui" line="162"/>
        <source>Imprimir &amp;carta</source>
        <translation>Print &amp;letter</translation>
    </message>
</context>
<context>
    <name>InterventionForm</name>
    <message>
        <location filename="../../c4console/gui/specialists/intervention_form.py" line="75"/>
        <source>Expediente {0} · {1}</source>
        <translation>Case {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/intervention_form.py" line="85"/>
        <source>Sin episodio</source>
        <translation>No episode</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/intervention_form.py" line="104"/>
        <source>Guardar (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/intervention_form.py" line="120"/>
        <source>Propuesto: {0}</source>
        <translation>Proposed: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/intervention_form.py" line="130"/>
        <source>en curso (el fin es cuando guarde)</source>
        <translation>in progress (it ends when you save)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/intervention_form.py" line="158"/>
        <source>El fin es anterior al inicio: una intervención no termina antes de empezar</source>
        <translation>The end is before the start: an intervention cannot end before it starts</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/intervention_form.py" line="161"/>
        <source>La intervención dura {0:.1f} h: más de 12 h no es una intervención; corrija el inicio o el fin</source>
        <translation>The intervention lasts {0:.1f} h: over 12 h is not one intervention; correct the start or the end</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/intervention_form.py" line="164"/>
        <source>Anote el enlace usado en la videollamada</source>
        <translation>Enter the link used for the video call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/intervention_form.py" line="167"/>
        <source>El próximo contacto está en el pasado</source>
        <translation>The next contact is in the past</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/intervention_form.py" line="203"/>
        <source>Guardando…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/specialists/intervention_form.py" line="208"/>
        <source>Rechazado ({0}): {1}</source>
        <translation>Refused ({0}): {1}</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="9"/>
        <source>Registrar intervención</source>
        <translation>Record intervention</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="17"/>
        <source>Expediente:</source>
        <translation>Case:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="31"/>
        <source>&amp;Tipo:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="45"/>
        <source>&amp;Canal:</source>
        <translation>&amp;Channel:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="59"/>
        <source>&amp;Momento:</source>
        <translation>&amp;Timing:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="80"/>
        <source>&amp;Episodio:</source>
        <translation>&amp;Episode:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="94"/>
        <source>&amp;Inicio:</source>
        <translation>&amp;Start:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="114"/>
        <source>&amp;Fin:</source>
        <translation>&amp;End:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="134"/>
        <source>Duración:</source>
        <translation>Duration:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="148"/>
        <source>Enlace de la &amp;videollamada:</source>
        <translation>&amp;Video call link:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="162"/>
        <source>&amp;Notas:</source>
        <translation>&amp;Notes:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="185"/>
        <source>&amp;Acuerdos / próximos pasos:</source>
        <translation>&amp;Agreed next steps:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="208"/>
        <source>&amp;Resultado:</source>
        <translation>&amp;Outcome:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="224"/>
        <source>Próximo contacto</source>
        <translation>Next contact</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="236"/>
        <source>Fec&amp;ha y hora:</source>
        <translation>&amp;Date and time:</translation>
    </message>
    <message>
        <location filename="../../ui/intervention.ui" line="256"/>
        <source>Ca&amp;nal:</source>
        <translation>C&amp;hannel:</translation>
    </message>
</context>
<context>
    <name>InterviewDialog</name>
    <message>
        <location filename="../../c4console/gui/follow_up/contact_forms.py" line="49"/>
        <source>Escriba dónde fue la entrevista</source>
        <translation>Write where the interview was held</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/contact_forms.py" line="50"/>
        <source>Escriba quién la entrevistó</source>
        <translation>Write who interviewed her</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="21"/>
        <source>Nueva</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="22"/>
        <source>Atendida</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="23"/>
        <source>Despachada</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="24"/>
        <location filename="../../c4console/gui/shell/labels.py" line="38"/>
        <source>En camino</source>
        <translation>En route</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="25"/>
        <location filename="../../c4console/gui/shell/labels.py" line="39"/>
        <source>En sitio</source>
        <translation>On scene</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="26"/>
        <source>Cerrada</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="27"/>
        <source>Cancelada</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="28"/>
        <source>Falsa alarma</source>
        <translation>False alarm</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="29"/>
        <source>Prueba</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="36"/>
        <source>Disponible</source>
        <translation>Available</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="37"/>
        <source>Asignada</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="40"/>
        <source>Fuera de servicio</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="47"/>
        <source>Operación</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="48"/>
        <source>Supervisión</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="49"/>
        <source>Jefatura de turno</source>
        <translation>Shift lead</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="50"/>
        <source>Administración</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="51"/>
        <source>Psicología</source>
        <translation>Psychology</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="52"/>
        <source>Asesoría jurídica</source>
        <translation>Legal counsel</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="53"/>
        <source>Enlace de otra institución</source>
        <translation>Liaison of another agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="54"/>
        <source>Psicología y asesoría jurídica</source>
        <translation>Psychology and legal advice</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="55"/>
        <source>rol sin confirmar</source>
        <translation>role not confirmed yet</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="61"/>
        <source>Botón de pánico</source>
        <translation>Panic button</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="62"/>
        <source>Llamada 911</source>
        <translation>911 call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="63"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="64"/>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="65"/>
        <source>Presencial</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="66"/>
        <source>Rastreador del agresor</source>
        <translation>Aggressor&apos;s tracker</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="73"/>
        <source>ALTA</source>
        <translation>HIGH</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="74"/>
        <source>MEDIA</source>
        <translation>MEDIUM</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="75"/>
        <source>BAJA</source>
        <translation>LOW</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="82"/>
        <source>Datos mínimos (90 s)</source>
        <translation>Minimum data (90 s)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="83"/>
        <source>Unidad asignada (120 s)</source>
        <translation>Unit assigned (120 s)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="84"/>
        <source>Unidad en sitio (10 min)</source>
        <translation>Unit on scene (10 min)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="91"/>
        <source>Alta del incidente</source>
        <translation>Incident opened</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="92"/>
        <source>Atendida por operador</source>
        <translation>Acknowledged by operator</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="93"/>
        <source>Unidad despachada</source>
        <translation>Unit dispatched</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="94"/>
        <source>Cambio de estado</source>
        <translation>Status change</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="95"/>
        <source>Cierre</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="96"/>
        <location filename="../../c4console/gui/shell/labels.py" line="149"/>
        <source>Nota</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="97"/>
        <source>Reclasificada</source>
        <translation>Reclassified</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="98"/>
        <source>Nueva activación del botón</source>
        <translation>Button activated again</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="99"/>
        <source>Unidad liberada</source>
        <translation>Unit released</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="100"/>
        <source>Audio en vivo: grabando</source>
        <translation>Live audio: recording</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="101"/>
        <source>Audio en vivo: grabación cerrada</source>
        <translation>Live audio: recording closed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="102"/>
        <source>SMS enviado a contacto de confianza</source>
        <translation>SMS sent to a trusted contact</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="103"/>
        <source>Reporte de entrega de SMS</source>
        <translation>SMS delivery report</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="104"/>
        <source>SMS: reintento</source>
        <translation>SMS: retry</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="105"/>
        <source>SMS no entregado</source>
        <translation>SMS not delivered</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="106"/>
        <source>SMS no enviado: sin contacto de confianza</source>
        <translation>SMS not sent: no trusted contact</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="107"/>
        <source>Llamada tomada</source>
        <translation>Call taken</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="108"/>
        <source>Llamada vinculada (duplicado)</source>
        <translation>Call linked (duplicate)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="109"/>
        <source>Reclasificado</source>
        <translation>Reclassified</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="110"/>
        <source>Turnado a especialistas</source>
        <translation>Handed to specialists</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="111"/>
        <source>Fuera de la jurisdicción: transferir</source>
        <translation>Outside the jurisdiction: transfer</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="120"/>
        <source>{0}:{1:02d} · {2} segmentos · {3} paquetes perdidos · sesión {4} ({5})</source>
        <translation>{0}:{1:02d} · {2} segments · {3} packets lost · session {4} ({5})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="125"/>
        <source>{0} {1} → {2} {3}: {4}</source>
        <translation>{0} {1} → {2} {3}: {4}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="137"/>
        <source>atención psicológica</source>
        <translation>psychological care</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="138"/>
        <source>atención jurídica</source>
        <translation>legal care</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="145"/>
        <source>Atender</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="146"/>
        <source>Despachar</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="147"/>
        <source>Cambiar estado</source>
        <translation>Change status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="148"/>
        <source>Cerrar</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="150"/>
        <location filename="../../c4console/gui/shell/labels.py" line="163"/>
        <source>Reclasificar</source>
        <translation>Reclassify</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="151"/>
        <source>Crear incidente</source>
        <translation>Create incident</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="152"/>
        <source>Estado de unidad</source>
        <translation>Unit status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="153"/>
        <source>Cambiar de sector</source>
        <translation>Change sector</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="154"/>
        <source>Guardar turno</source>
        <translation>Save shift</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="155"/>
        <source>Desbloquear acceso</source>
        <translation>Unlock login</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="156"/>
        <source>Abrir expediente</source>
        <translation>Open case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="157"/>
        <source>Editar expediente</source>
        <translation>Edit case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="158"/>
        <source>Evaluación de riesgo</source>
        <translation>Risk assessment</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="159"/>
        <source>Vincular al expediente</source>
        <translation>Link to case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="160"/>
        <source>Registrar episodio</source>
        <translation>Record episode</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="161"/>
        <source>Tomar llamada</source>
        <translation>Take call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="162"/>
        <source>Vincular llamada</source>
        <translation>Link call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="164"/>
        <source>Turnar a especialistas</source>
        <translation>Hand to specialists</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="166"/>
        <source>Plan de seguimiento</source>
        <translation>Follow-up plan</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="167"/>
        <source>Planear visitas</source>
        <translation>Plan visits</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="168"/>
        <source>Mover visita</source>
        <translation>Move visit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="169"/>
        <source>Visita sin GPS</source>
        <translation>Visit without GPS</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="170"/>
        <source>Resultado de visita</source>
        <translation>Visit outcome</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="171"/>
        <source>Entrevista</source>
        <translation>Interview</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="172"/>
        <source>Llamada de seguimiento</source>
        <translation>Follow-up call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="179"/>
        <source>Otra operadora ya atendió este incidente</source>
        <translation>Another operator already acknowledged this incident</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="180"/>
        <source>El incidente ya tiene unidad asignada</source>
        <translation>The incident already has a unit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="181"/>
        <source>La unidad ya no está disponible</source>
        <translation>The unit is no longer available</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="182"/>
        <source>Primero hay que atender el incidente</source>
        <translation>Acknowledge the incident first</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="183"/>
        <source>Cambio de estado no permitido</source>
        <translation>Status change not allowed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="184"/>
        <source>El incidente ya está cerrado</source>
        <translation>The incident is already closed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="185"/>
        <source>No existe en la central</source>
        <translation>Does not exist at the central</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="186"/>
        <source>Datos inválidos</source>
        <translation>Invalid data</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="187"/>
        <source>Una activación de pánico nunca es llamada muda</source>
        <translation>A panic activation is never a silent call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="188"/>
        <source>Su rol no permite esta acción</source>
        <translation>Your role does not allow this action</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="189"/>
        <source>La unidad ya estaba en ese estado</source>
        <translation>The unit already had that status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="190"/>
        <source>La unidad no tiene incidente asignado</source>
        <translation>The unit has no incident assigned</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="191"/>
        <source>La unidad está atendiendo un incidente</source>
        <translation>The unit is working an incident</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="192"/>
        <source>El sector no existe en la jurisdicción</source>
        <translation>The sector does not exist in the jurisdiction</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="193"/>
        <source>Es una activación de prueba: no se despacha</source>
        <translation>It is a test activation: it is not dispatched</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="194"/>
        <source>El nombre no puede quedar vacío</source>
        <translation>The name cannot be empty</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="195"/>
        <source>Teléfono inválido</source>
        <translation>Invalid phone number</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="196"/>
        <source>Fecha inválida (AAAA-MM-DD)</source>
        <translation>Invalid date (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="197"/>
        <source>La vigencia termina antes de empezar</source>
        <translation>The order ends before it starts</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="198"/>
        <location filename="../../c4console/gui/shell/labels.py" line="224"/>
        <source>Ubicación inválida</source>
        <translation>Invalid location</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="199"/>
        <source>Contacto de confianza inválido</source>
        <translation>Invalid trusted contact</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="200"/>
        <source>Periodo de turno inválido (máximo 24 h)</source>
        <translation>Invalid shift period (at most 24 h)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="202"/>
        <source>Ya existe un expediente con ese identificador</source>
        <translation>A case file with that identifier already exists</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="203"/>
        <source>El expediente fue fusionado con otro: use ese</source>
        <translation>The case file was merged into another: use that one</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="204"/>
        <source>La fecha de nacimiento no puede ser futura</source>
        <translation>The date of birth cannot be in the future</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="205"/>
        <source>La orden de protección termina antes de empezar</source>
        <translation>The protection order ends before it starts</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="207"/>
        <source>Tipo de violencia desconocido</source>
        <translation>Unknown type of violence</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="208"/>
        <source>Modalidad de violencia desconocida</source>
        <translation>Unknown modality of violence</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="209"/>
        <source>Relación con el agresor desconocida</source>
        <translation>Unknown relationship to the aggressor</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="210"/>
        <source>El agresor no está en el expediente</source>
        <translation>The aggressor is not in the case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="211"/>
        <source>Pregunta de riesgo desconocida</source>
        <translation>Unknown risk question</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="212"/>
        <source>Respuesta de riesgo inválida (sí, no o no sé)</source>
        <translation>Invalid risk answer (yes, no or don&apos;t know)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="213"/>
        <source>Esa persona ya tiene expediente: vincule el incidente a ese expediente en lugar de abrir otro</source>
        <translation>That person already has a case file: link the incident to it instead of opening another</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="215"/>
        <source>El incidente no existe o no está en el expediente</source>
        <translation>The incident does not exist or is not in the case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="217"/>
        <source>El incidente ya está en el expediente</source>
        <translation>The incident is already in the case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="218"/>
        <source>La central no puede atender esta acción ahora</source>
        <translation>The central cannot take this action now</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="220"/>
        <source>El tipo de incidente no está en el catálogo</source>
        <translation>The incident type is not in the catalogue</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="221"/>
        <source>El texto es demasiado largo</source>
        <translation>The text is too long</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="222"/>
        <source>Falta el motivo del cambio</source>
        <translation>The reason for the change is missing</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="223"/>
        <source>Número telefónico inválido</source>
        <translation>Invalid telephone number</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="225"/>
        <source>La llamada ya fue tomada, vinculada o turnada</source>
        <translation>The call was already taken, linked or handed over</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="227"/>
        <source>Intervalo inválido (debe ser mayor que cero)</source>
        <translation>Invalid interval (must be more than zero)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="228"/>
        <source>Radio de comprobación fuera de 20 a 1,000 m</source>
        <translation>Proof radius outside 20–1,000 m</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="229"/>
        <source>Tiempo de permanencia inválido</source>
        <translation>Invalid dwell time</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="230"/>
        <source>Su domicilio no está ubicado en el mapa</source>
        <translation>Her home is not on the map</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="231"/>
        <source>La orden de protección no está en el expediente</source>
        <translation>The protection order is not in the case</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="232"/>
        <source>La unidad está fuera de servicio</source>
        <translation>The unit is out of service</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="233"/>
        <source>No hay unidad a la cual asignar la visita</source>
        <translation>No unit to assign the visit to</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="234"/>
        <source>La visita no se ha hecho: no tiene resultado todavía</source>
        <translation>The visit has not been made: it has no outcome yet</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="236"/>
        <source>La visita ya se hizo</source>
        <translation>The visit was already made</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="237"/>
        <source>Resultado de visita desconocido</source>
        <translation>Unknown visit outcome</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="238"/>
        <source>Falta el incidente de la visita</source>
        <translation>The visit&apos;s incident is missing</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="239"/>
        <source>Resultado de llamada desconocido</source>
        <translation>Unknown call result</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="240"/>
        <source>Pide ayuda: falta el incidente o la canalización</source>
        <translation>Asks for help: the incident or referral is missing</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="241"/>
        <source>La central no tiene seguimiento configurado</source>
        <translation>The central has no follow-up configured</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/labels.py" line="259"/>
        <source>sin conexión con la central</source>
        <translation>not connected to the central</translation>
    </message>
</context>
<context>
    <name>LiaisonLayout</name>
    <message>
        <location filename="../../c4console/gui/liaison/liaison_layout.py" line="96"/>
        <source>C4 · Enlace — {0}</source>
        <translation>C4 · Liaison — {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/liaison_layout.py" line="97"/>
        <source>Institución: {0}</source>
        <translation>Agency: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/liaison_layout.py" line="108"/>
        <source>Casos compartidos</source>
        <translation>Shared cases</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/liaison_layout.py" line="110"/>
        <source>&amp;Coordinación</source>
        <translation>&amp;Coordination</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/liaison_layout.py" line="119"/>
        <source>Tareas</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/liaison_layout.py" line="121"/>
        <source>&amp;Tareas</source>
        <translation>&amp;Tasks</translation>
    </message>
</context>
<context>
    <name>LifeTexts</name>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="42"/>
        <source>En almacén</source>
        <translation>In stock</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="42"/>
        <source>Solicitado</source>
        <translation>Requested</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="43"/>
        <source>Aprobado</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="43"/>
        <source>Entregado</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="44"/>
        <source>Probado</source>
        <translation>Tested</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="44"/>
        <source>En uso</source>
        <translation>In use</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="45"/>
        <source>Devuelto</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="45"/>
        <source>Perdido</source>
        <translation>Lost</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="46"/>
        <source>Dañado</source>
        <translation>Broken</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="50"/>
        <source>Solicitar para ella</source>
        <translation>Request for her</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="51"/>
        <source>Aprobar (análisis de su caso)</source>
        <translation>Approve (her case analysis)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="52"/>
        <source>Registrar entrega</source>
        <translation>Record delivery</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="53"/>
        <source>Registrar llamada de prueba</source>
        <translation>Record test call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="54"/>
        <source>Poner en uso</source>
        <translation>Put in use</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="55"/>
        <source>Regresar al almacén</source>
        <translation>Back to stock</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_device_life.py" line="59"/>
        <source>Entregados %1 de %2</source>
        <translation>Delivered %1 of %2</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <location filename="../../ui/lock_cover.ui" line="33"/>
        <source>Sesión bloqueada por inactividad — {0}</source>
        <translation>Session locked after inactivity — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/lock_cover.ui" line="62"/>
        <source>Contraseña</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/lock_cover.ui" line="69"/>
        <source>Desbloquear</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/idle_lock.py" line="163"/>
        <source>{0} alarmas nuevas mientras estaba bloqueada</source>
        <translation>{0} new alarms while it was locked</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/idle_lock.py" line="175"/>
        <source>Contraseña incorrecta</source>
        <translation>Wrong password</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/idle_lock.py" line="194"/>
        <source>Demasiadas contraseñas incorrectas: espere {0} s para volver a intentar</source>
        <translation>Too many wrong passwords: wait {0} s to try again</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.ui" line="10"/>
        <source>C4 — Iniciar sesión</source>
        <translation>C4 — Log in</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/login_dialog.py" line="41"/>
        <source>Primera vez en esta estación: la cuenta que escriba será su administradora.</source>
        <translation>First time on this workstation: the account you type becomes its administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/login.ui" line="16"/>
        <source>Escriba su usuario y contraseña.</source>
        <translation>Type your user name and password.</translation>
    </message>
    <message>
        <location filename="../../ui/login.ui" line="28"/>
        <source>Usuario</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../ui/login.ui" line="41"/>
        <source>Contraseña</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.ui" line="58"/>
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/login.ui" line="71"/>
        <source>6 dígitos, o un código de recuperación</source>
        <translation>6 digits, or a recovery code</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/login_dialog.py" line="44"/>
        <source>Entrar</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/login_dialog.py" line="45"/>
        <source>Salir</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/login_dialog.py" line="54"/>
        <source>Verificación en dos pasos de {0}: escriba el código de 6 dígitos que muestra su aplicación de autenticación, o uno de sus códigos de recuperación.</source>
        <translation>Two-step verification for {0}: type the 6-digit code your authenticator app shows, or one of your recovery codes.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/login_dialog.py" line="65"/>
        <source>Escriba el código.</source>
        <translation>Type the code.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/login_dialog.py" line="68"/>
        <source>Escriba el usuario y la contraseña.</source>
        <translation>Type the user name and the password.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/login_dialog.py" line="110"/>
        <source>más tarde</source>
        <translation>later</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/login_dialog.py" line="111"/>
        <source>Cuenta bloqueada por intentos fallidos; vuelva a intentar a las {0} o pida a su jefa de turno que la desbloquee.</source>
        <translation>Account locked after failed attempts; try again at {0} or ask your shift lead to unlock it.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/login_dialog.py" line="115"/>
        <source>Código incorrecto o ya usado: espere el siguiente código de la aplicación.</source>
        <translation>Wrong or already used code: wait for the app&apos;s next code.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/login_dialog.py" line="119"/>
        <source>Cuenta desactivada; pida a una administradora que la active.</source>
        <translation>Account disabled; ask an administrator to enable it.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/login_dialog.py" line="121"/>
        <source>Usuario o contraseña incorrectos.</source>
        <translation>Wrong user name or password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="71"/>
        <source>C4 · Consola de despacho — violencia de género</source>
        <translation>C4 · Dispatch console — gender violence</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="115"/>
        <source>Incidentes</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="117"/>
        <source>Detalle del incidente</source>
        <translation>Incident detail</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="119"/>
        <source>Unidades</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="121"/>
        <source>Rechazadas</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="124"/>
        <source>Chat de WhatsApp</source>
        <translation>WhatsApp chat</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="129"/>
        <source>Audio en vivo</source>
        <translation>Live audio</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="131"/>
        <source>Turno</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="160"/>
        <source>Configuración: {0}</source>
        <translation>Settings: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="181"/>
        <source>Nueva llamada (F1)</source>
        <translation>New call (F1)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="183"/>
        <source>Siguiente alarma (F2)</source>
        <translation>Next alarm (F2)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="185"/>
        <source>Atender (F3)</source>
        <translation>Acknowledge (F3)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="186"/>
        <source>Despachar recomendada (F4)</source>
        <translation>Dispatch recommended (F4)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="188"/>
        <source>Otra unidad (F5)</source>
        <translation>Other unit (F5)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="190"/>
        <source>Avanzar estado (F6)</source>
        <translation>Advance status (F6)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="191"/>
        <source>Cerrar (F8)</source>
        <translation>Close (F8)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="192"/>
        <source>Nota (Ctrl+N)</source>
        <translation>Note (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="193"/>
        <source>Buscar (Ctrl+F)</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="195"/>
        <source>Silenciar voz (Ctrl+M)</source>
        <translation>Mute voice (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="198"/>
        <source>Escuchar audio (F9)</source>
        <translation>Listen to audio (F9)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="213"/>
        <source>&amp;Incidente</source>
        <translation>&amp;Incident</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="223"/>
        <source>Reporte de entrega de turno (PDF)…</source>
        <translation>Shift handover report (PDF)…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="225"/>
        <source>Imprimir reporte de entrega de turno…</source>
        <translation>Print shift handover report…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="227"/>
        <source>&amp;Turno</source>
        <translation>&amp;Shift</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="232"/>
        <source>&amp;Ver</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="236"/>
        <source>&amp;Cuenta</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="237"/>
        <source>Verificación en dos pasos…</source>
        <translation>Two-step verification…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="242"/>
        <source>Idioma / Language</source>
        <translation>Idioma / Language</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="266"/>
        <source>enviar la respuesta</source>
        <translation>send the reply</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="269"/>
        <source>agregar la nota</source>
        <translation>add the note</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="283"/>
        <source>reasignar la visita</source>
        <translation>reassign the visit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="370"/>
        <source>Seguimiento</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="371"/>
        <source>&amp;Seguimiento</source>
        <translation>&amp;Follow-up</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="372"/>
        <source>Seguimiento de órdenes de protección…</source>
        <translation>Follow-up of protection orders…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="387"/>
        <source>Grabaciones</source>
        <translation>Recordings</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="388"/>
        <source>&amp;Grabaciones</source>
        <translation>&amp;Recordings</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="388"/>
        <source>Biblioteca de grabaciones</source>
        <translation>Recordings library</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="391"/>
        <source>leer las grabaciones</source>
        <translation>read the recordings</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="392"/>
        <source>Reproducción</source>
        <translation>Replay</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="403"/>
        <source>Instituciones</source>
        <translation>Agencies</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="404"/>
        <source>&amp;Administración</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="404"/>
        <source>Instituciones…</source>
        <translation>Agencies…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="410"/>
        <source>Bitácora de auditoría</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="411"/>
        <source>&amp;Auditoría</source>
        <translation>&amp;Audit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="411"/>
        <source>Bitácora de auditoría…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="414"/>
        <source>leer la bitácora</source>
        <translation>read the audit log</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="420"/>
        <source>Salud de dispositivos</source>
        <translation>Device health</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="421"/>
        <source>&amp;Dispositivos</source>
        <translation>&amp;Devices</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="422"/>
        <source>Salud de dispositivos y llamadas…</source>
        <translation>Device health and calls…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="434"/>
        <source>Padrón de beneficiarias</source>
        <translation>Beneficiary registry</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="435"/>
        <source>&amp;Padrón</source>
        <translation>&amp;Registry</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="435"/>
        <source>Padrón de beneficiarias…</source>
        <translation>Beneficiary registry…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="272"/>
        <location filename="../../c4console/gui/shell/main_window.py" line="578"/>
        <source>despachar</source>
        <translation>dispatch</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="279"/>
        <source>cambiar el estado de la unidad</source>
        <translation>change the unit status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="286"/>
        <source>cambiar la unidad de sector</source>
        <translation>move the unit to another sector</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="480"/>
        <source>Rechazadas ({0})</source>
        <translation>Refused ({0})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="491"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="494"/>
        <source>No se pudo {0}: {1}</source>
        <translation>Could not {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="524"/>
        <source>{0} tiene audio en vivo: F9 para escuchar</source>
        <translation>{0} has live audio: F9 to listen</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="544"/>
        <source>No hay alarmas nuevas</source>
        <translation>No new alarms</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="552"/>
        <source>atender</source>
        <translation>acknowledge</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="557"/>
        <source>despachar la recomendada</source>
        <translation>dispatch the recommended unit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="562"/>
        <source>avanzar el estado</source>
        <translation>advance the status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="576"/>
        <source>Despachando {0} a {1}</source>
        <translation>Dispatching {0} to {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="582"/>
        <source>Escriba la disposición para cerrar</source>
        <translation>Type the disposition to close</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="585"/>
        <source>cerrar</source>
        <translation>close</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/main_window.py" line="597"/>
        <source>El idioma se aplicará al reiniciar la consola</source>
        <translation>The language applies when the console restarts</translation>
    </message>
</context>
<context>
    <name>ManualVisit</name>
    <message>
        <location filename="../../ui/manual_visit.ui" line="7"/>
        <source>Registrar visita sin GPS</source>
        <translation>Record visit without GPS</translation>
    </message>
    <message>
        <location filename="../../ui/manual_visit.ui" line="15"/>
        <source>Visita:</source>
        <translation>Visit:</translation>
    </message>
    <message>
        <location filename="../../ui/manual_visit.ui" line="28"/>
        <source>&amp;Hora:</source>
        <translation>&amp;Time:</translation>
    </message>
    <message>
        <location filename="../../ui/manual_visit.ui" line="48"/>
        <source>&amp;Motivo:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/manual_visit.ui" line="61"/>
        <source>Por qué no hay prueba GPS</source>
        <translation>Why there is no GPS proof</translation>
    </message>
</context>
<context>
    <name>ManualVisitDialog</name>
    <message>
        <location filename="../../c4console/gui/follow_up/visit_forms.py" line="133"/>
        <source>Escriba por qué la visita no tiene prueba GPS</source>
        <translation>Write why the visit has no GPS proof</translation>
    </message>
</context>
<context>
    <name>MapPayload</name>
    <message>
        <location filename="../../c4console/gui/map/payload.py" line="88"/>
        <source>agresor</source>
        <translation>aggressor</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/map/payload.py" line="89"/>
        <source>ella (última posición)</source>
        <translation>her (last position)</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../../c4console/gui/map/map_view.py" line="100"/>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/map/map_view.py" line="100"/>
        <source>Cuadrante</source>
        <translation>Cuadrante</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/map/map_view.py" line="100"/>
        <source>Colonia</source>
        <translation>Neighbourhood</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/map/map_view.py" line="104"/>
        <source>No se pudo preparar el mapa: {0}</source>
        <translation>The map could not be prepared: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/map/map_view.py" line="337"/>
        <source>No hay URL de mosaicos configurada; se muestran solo los cuadrantes.</source>
        <translation>No tile URL configured; showing cuadrante outlines only.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/map/map_view.py" line="341"/>
        <source>Mosaicos: {0}</source>
        <translation>Tiles: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/map/map_view.py" line="345"/>
        <source>Los mosaicos sin conexión no están disponibles en esta sesión; se muestran solo los cuadrantes.</source>
        <translation>Offline tiles are not available in this session; showing cuadrante outlines only.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/map/map_view.py" line="350"/>
        <source>Mosaicos locales</source>
        <translation>Local tiles</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/map/map_view.py" line="353"/>
        <source>No se pudo abrir el archivo de mosaicos {0} ({1}); se muestran solo los cuadrantes.</source>
        <translation>Could not open the tile file {0} ({1}); showing cuadrante outlines only.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/map/map_view.py" line="364"/>
        <source>No se pudo cargar el mapa ({0}).</source>
        <translation>The map could not be loaded ({0}).</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/map/map_view.py" line="373"/>
        <source>El mapa se cargó incompleto; revise la instalación (c4map.js).</source>
        <translation>The map loaded incompletely; check the installation (c4map.js).</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/map/map_view.py" line="396"/>
        <source>El mapa dejó de funcionar; reinicie la consola.</source>
        <translation>The map stopped working; restart the console.</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="80"/>
        <source>Mesa del {0} a las {1} · {2} · Preside: {3} · {4}</source>
        <translation>Meeting on {0} at {1} · {2} · Chair: {3} · {4}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="83"/>
        <source>Mesa de coordinación {0}</source>
        <translation>Coordination meeting {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="112"/>
        <source>Todas las instituciones</source>
        <translation>Every agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="123"/>
        <source>Firmada por {0}: la minuta ya no cambia.</source>
        <translation>Signed by {0}: the minutes no longer change.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="125"/>
        <source>Solo quien preside ({0}) puede firmar la minuta.</source>
        <translation>Only the chair ({0}) can sign the minutes.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="127"/>
        <source>Usted preside: al firmar, la minuta queda cerrada y ya no cambia.</source>
        <translation>You chair: once signed, the minutes are closed and no longer change.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="146"/>
        <source>(ninguno)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="147"/>
        <source>siempre (no hay mesa anterior)</source>
        <translation>ever (no previous meeting)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="148"/>
        <source>Casos de riesgo alto o extremo compartidos con las instituciones invitadas:</source>
        <translation>High or extreme risk cases shared with the agencies invited:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="150"/>
        <source>riesgo {0}; compartido con {1}; {2}</source>
        <translation>risk {0}; shared with {1}; {2}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="154"/>
        <source>Incidentes nuevos desde {0}:</source>
        <translation>New incidents since {0}:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="157"/>
        <source>Tareas vencidas:</source>
        <translation>Overdue tasks:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="159"/>
        <source>vencía el {0}</source>
        <translation>was due on {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="161"/>
        <source>Órdenes que vencen en los próximos {0} días:</source>
        <translation>Orders ending in the next {0} days:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="164"/>
        <source>vence el {0}</source>
        <translation>ends on {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="171"/>
        <source>La central no lo aceptó: {0}</source>
        <translation>The central did not accept it: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="196"/>
        <source>Escriba el nombre de la persona presente</source>
        <translation>Type the name of the person present</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="244"/>
        <source>Agregue a las personas presentes</source>
        <translation>Add the people present</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="265"/>
        <source>Elija o escriba el caso</source>
        <translation>Choose or type the case</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="273"/>
        <source>Seleccione un caso de la mesa y escriba el acuerdo</source>
        <translation>Select a case of the meeting and type the agreement</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="286"/>
        <source>Seleccione un caso de la mesa, escriba la tarea y elija la institución</source>
        <translation>Select a case of the meeting, type the task and choose the agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="305"/>
        <source>todas</source>
        <translation>all</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="306"/>
        <source>Acuerdo ({0}): {1}</source>
        <translation>Agreement ({0}): {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="309"/>
        <source>hecha: {0}</source>
        <translation>done: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="310"/>
        <source>vencida</source>
        <translation>overdue</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="310"/>
        <source>pendiente</source>
        <translation>pending</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="312"/>
        <source>Tarea de {0}{1}: {2} (vence {3}; {4})</source>
        <translation>Task of {0}{1}: {2} (due {3}; {4})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_dialog.py" line="321"/>
        <source>Enviando…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="8"/>
        <source>Mesa de coordinación</source>
        <translation>Coordination meeting</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="22"/>
        <source>Orden del día</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="35"/>
        <source>Actualizar el orden del día</source>
        <translation>Refresh the agenda</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="43"/>
        <source>Asistencia</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="53"/>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="58"/>
        <source>Institución</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="63"/>
        <source>Cuenta</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="73"/>
        <source>Nombre como firma</source>
        <translation>Name as signed</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="84"/>
        <source>Cuenta (si tiene)</source>
        <translation>Account (if any)</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="91"/>
        <source>Agregar</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="98"/>
        <source>Quitar</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="107"/>
        <source>Registrar la asistencia</source>
        <translation>Record the attendance</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="115"/>
        <source>Casos y acuerdos</source>
        <translation>Cases and agreements</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="123"/>
        <source>Caso:</source>
        <translation>Case:</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="144"/>
        <source>Agregar a la mesa</source>
        <translation>Add to the meeting</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="156"/>
        <source>Acuerdo sobre el caso seleccionado:</source>
        <translation>Agreement on the selected case:</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="182"/>
        <source>Registrar el acuerdo</source>
        <translation>Record the agreement</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="191"/>
        <source>Tarea sobre el caso seleccionado:</source>
        <translation>Task on the selected case:</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="203"/>
        <source>Qué se hará</source>
        <translation>What will be done</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="214"/>
        <source>Quién (cuenta, opcional)</source>
        <translation>Who (account, optional)</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="231"/>
        <source>Asignar la tarea</source>
        <translation>Assign the task</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="244"/>
        <source>Minuta</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="259"/>
        <source>Firmar la minuta</source>
        <translation>Sign the minutes</translation>
    </message>
    <message>
        <location filename="../../ui/meeting.ui" line="266"/>
        <source>Guardar la minuta en PDF…</source>
        <translation>Save the minutes as PDF…</translation>
    </message>
</context>
<context>
    <name>MeetingLabels</name>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="14"/>
        <source>Firmada</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="14"/>
        <source>Borrador</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="19"/>
        <source>Vista completa (compartido con todas)</source>
        <translation>Full view (shared with all)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="20"/>
        <source>Vista reducida (solo referencia)</source>
        <translation>Reduced view (reference only)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="26"/>
        <source>El caso no está compartido con todas las instituciones de la mesa: compártalo primero o revíselo en vista reducida.</source>
        <translation>The case is not shared with every agency at the meeting: share it first or review it in reduced view.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="29"/>
        <source>No existe ese caso, mesa o tarea en la central.</source>
        <translation>That case, meeting or task does not exist at the central.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="30"/>
        <source>Eso ya está registrado en la mesa.</source>
        <translation>That is already recorded at the meeting.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="31"/>
        <source>Primero agregue el caso a la mesa.</source>
        <translation>Add the case to the meeting first.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="32"/>
        <source>Esa institución no está en la mesa: registre su asistencia primero.</source>
        <translation>That agency is not at the meeting: record its attendance first.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="34"/>
        <source>La tarea no puede vencer antes de la fecha de la mesa.</source>
        <translation>The task cannot be due before the meeting date.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="36"/>
        <source>La central no conoce esa institución.</source>
        <translation>The central does not know that agency.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="37"/>
        <source>No existe esa cuenta: déjela vacía si la persona no tiene cuenta.</source>
        <translation>That account does not exist: leave it empty if the person has no account.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="39"/>
        <source>La minuta ya está firmada y no cambia: regístrelo en la próxima mesa.</source>
        <translation>The minutes are signed and do not change: record it at the next meeting.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="41"/>
        <source>Solo quien preside la mesa firma la minuta.</source>
        <translation>Only the chair of the meeting signs the minutes.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="42"/>
        <source>La minuta se firma el día de la mesa o después.</source>
        <translation>The minutes are signed on the day of the meeting or later.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="43"/>
        <source>Su rol no puede hacer esto.</source>
        <translation>Your role cannot do this.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="44"/>
        <source>Faltan datos o alguno no es válido.</source>
        <translation>Some data is missing or not valid.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meeting_labels.py" line="46"/>
        <source>La central no lo aceptó.</source>
        <translation>The central did not accept it.</translation>
    </message>
</context>
<context>
    <name>MeetingsPanel</name>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_panel.py" line="39"/>
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_panel.py" line="39"/>
        <source>Hora</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_panel.py" line="39"/>
        <source>Lugar</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_panel.py" line="40"/>
        <source>Instituciones</source>
        <translation>Agencies</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_panel.py" line="40"/>
        <source>Minuta</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_panel.py" line="46"/>
        <source>Nueva mesa…</source>
        <translation>New meeting…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_panel.py" line="49"/>
        <source>Abrir</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>MeetingsTool</name>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="75"/>
        <source>Mesas de coordinación</source>
        <translation>Coordination meetings</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="76"/>
        <source>&amp;Coordinación</source>
        <translation>&amp;Coordination</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="76"/>
        <source>Mesas de coordinación…</source>
        <translation>Coordination meetings…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="112"/>
        <source>No se pudieron leer las instituciones de la central ({0}): se muestran las que la consola conoce.</source>
        <translation>The agencies could not be read from the central ({0}): showing those the console knows.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="151"/>
        <source>No se pudo abrir la mesa nueva: {0}</source>
        <translation>The new meeting could not be opened: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="215"/>
        <source>No se pudo leer el orden del día: {0}</source>
        <translation>Could not read the agenda: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="241"/>
        <source>Guardar la minuta de la mesa</source>
        <translation>Save the meeting minutes</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="242"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="246"/>
        <source>No se pudo guardar la minuta: {0}</source>
        <translation>Could not save the minutes: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="254"/>
        <source>Minuta guardada en {0}</source>
        <translation>Minutes saved in {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="263"/>
        <source>No se pudo guardar: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="286"/>
        <source>Mesa programada</source>
        <translation>Meeting scheduled</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/meetings_tool.py" line="294"/>
        <source>Registrado en la central</source>
        <translation>Recorded at the central</translation>
    </message>
</context>
<context>
    <name>MfaEnrolDialog</name>
    <message>
        <location filename="../../c4console/gui/shell/mfa_dialog.py" line="52"/>
        <source>Verificación en dos pasos</source>
        <translation>Two-step verification</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/mfa_dialog.py" line="63"/>
        <source>Escriba su contraseña para activar la verificación en dos pasos: desde entonces cada inicio de sesión pedirá también el código de su teléfono.</source>
        <translation>Type your password to turn on two-step verification: from then on every login also asks for the code on your phone.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/mfa_dialog.py" line="65"/>
        <source>Contraseña</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/mfa_dialog.py" line="66"/>
        <source>Escanee el código QR con su aplicación de autenticación (o escriba la clave) y escriba el código que muestra.</source>
        <translation>Scan the QR code with your authenticator app (or type the key) and type the code it shows.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/mfa_dialog.py" line="68"/>
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/mfa_dialog.py" line="72"/>
        <source>Listo. Guarde estos códigos de recuperación en un lugar seguro: cada uno sirve una vez si pierde el teléfono, y no se volverán a mostrar.</source>
        <translation>Done. Keep these recovery codes in a safe place: each works once if you lose your phone, and they will not be shown again.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/mfa_dialog.py" line="90"/>
        <source>Su rol requiere verificación en dos pasos: actívela para entrar a la consola.</source>
        <translation>Your role requires two-step verification: turn it on to enter the console.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/mfa_dialog.py" line="124"/>
        <source>Clave: {0}</source>
        <translation>Key: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/mfa_dialog.py" line="139"/>
        <source>Contraseña incorrecta.</source>
        <translation>Wrong password.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/mfa_dialog.py" line="141"/>
        <source>Su cuenta ya tiene verificación en dos pasos; una administradora puede restablecerla si perdió el teléfono.</source>
        <translation>Your account already has two-step verification; an administrator can reset it if you lost your phone.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/mfa_dialog.py" line="144"/>
        <source>Ese no es el código actual; revise la hora del teléfono y escriba el siguiente código.</source>
        <translation>That is not the current code; check the phone&apos;s clock and type the next code.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shell/mfa_dialog.py" line="146"/>
        <source>No se pudo: {0}</source>
        <translation>Could not do it: {0}</translation>
    </message>
</context>
<context>
    <name>NewMeetingDialog</name>
    <message>
        <location filename="../../c4console/gui/coordination/new_meeting_dialog.py" line="80"/>
        <source>Escriba el lugar de la mesa</source>
        <translation>Type the place of the meeting</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/new_meeting_dialog.py" line="82"/>
        <source>Invite al menos a una institución</source>
        <translation>Invite at least one agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/new_meeting_dialog.py" line="84"/>
        <source>Indique quién preside la mesa</source>
        <translation>Say who chairs the meeting</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/new_meeting_dialog.py" line="86"/>
        <source>Enviando…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../ui/new_meeting.ui" line="8"/>
        <source>Nueva mesa de coordinación</source>
        <translation>New coordination meeting</translation>
    </message>
    <message>
        <location filename="../../ui/new_meeting.ui" line="16"/>
        <source>Fecha y hora:</source>
        <translation>Date and time:</translation>
    </message>
    <message>
        <location filename="../../ui/new_meeting.ui" line="36"/>
        <source>Lugar:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <location filename="../../ui/new_meeting.ui" line="46"/>
        <source>Sala de juntas del C4</source>
        <translation>C4 meeting room</translation>
    </message>
    <message>
        <location filename="../../ui/new_meeting.ui" line="53"/>
        <source>Instituciones invitadas:</source>
        <translation>Agencies invited:</translation>
    </message>
    <message>
        <location filename="../../ui/new_meeting.ui" line="66"/>
        <source>Otras (claves):</source>
        <translation>Others (keys):</translation>
    </message>
    <message>
        <location filename="../../ui/new_meeting.ui" line="76"/>
        <source>claves separadas por comas, p. ej. imm, salud</source>
        <translation>keys separated by commas, e.g. imm, salud</translation>
    </message>
    <message>
        <location filename="../../ui/new_meeting.ui" line="83"/>
        <source>Preside (firma la minuta):</source>
        <translation>Chair (signs the minutes):</translation>
    </message>
</context>
<context>
    <name>ObservatoryActions</name>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_actions.py" line="26"/>
        <source>Observatorio…</source>
        <translation>Observatory…</translation>
    </message>
</context>
<context>
    <name>ObservatoryCharts</name>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_charts.py" line="20"/>
        <source>lun</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_charts.py" line="20"/>
        <source>mar</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_charts.py" line="21"/>
        <source>mié</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_charts.py" line="21"/>
        <source>jue</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_charts.py" line="22"/>
        <source>vie</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_charts.py" line="22"/>
        <source>sáb</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_charts.py" line="23"/>
        <source>dom</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_charts.py" line="32"/>
        <source>Incidentes por hora y día (hora del C4)</source>
        <translation>Incidents by hour and day (C4 time)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_charts.py" line="42"/>
        <source>hora</source>
        <translation>hour</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_charts.py" line="59"/>
        <source>Incidentes por mes</source>
        <translation>Incidents per month</translation>
    </message>
</context>
<context>
    <name>ObservatoryMap</name>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_map.py" line="55"/>
        <source>No se pudo preparar el mapa: {0}</source>
        <translation>The map could not be prepared: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_map.py" line="83"/>
        <source>No se pudo cargar el mapa del observatorio.</source>
        <translation>The observatory map could not be loaded.</translation>
    </message>
</context>
<context>
    <name>ObservatoryWindow</name>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="52"/>
        <source>Guardar los carteles QR</source>
        <translation>Save the QR posters</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="53"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="69"/>
        <source>Observatorio: dónde y cuándo ocurren los incidentes</source>
        <translation>Observatory: where and when incidents happen</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="117"/>
        <source>Todos los tipos</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="119"/>
        <source>Todos los canales</source>
        <translation>All channels</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="121"/>
        <source>Cualquier riesgo</source>
        <translation>Any risk</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="123"/>
        <source>Consultar</source>
        <translation>Query</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="127"/>
        <source>Desde</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="128"/>
        <source>Hasta</source>
        <translation>Until</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="131"/>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="131"/>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="132"/>
        <source>Riesgo de su caso</source>
        <translation>Risk of her case</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="142"/>
        <source>Lugar</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="142"/>
        <source>Colonia</source>
        <translation>Neighbourhood</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="142"/>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="142"/>
        <source>Incidentes</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="152"/>
        <source>WhatsApp del C4, p. ej. +526861234567</source>
        <translation>The C4&apos;s WhatsApp number, e.g. +526861234567</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="155"/>
        <source>Carteles QR para las seleccionadas</source>
        <translation>QR posters for the selected ones</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="175"/>
        <source>Consultando a la central…</source>
        <translation>Asking the central…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="177"/>
        <source>consultar el observatorio</source>
        <translation>query the observatory</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="186"/>
        <source>La central no aceptó la consulta: {0}</source>
        <translation>The central did not accept the query: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="193"/>
        <source>No se pudo consultar el observatorio: {0}</source>
        <translation>The observatory could not be queried: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="200"/>
        <source>{0} incidentes del {1} al {2}</source>
        <translation>{0} incidents from {1} to {2}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="202"/>
        <source>{0} sin ubicación (no están en el mapa)</source>
        <translation>{0} without a location (not on the map)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="233"/>
        <source>Seleccione en la tabla las colonias de los carteles.</source>
        <translation>Select the neighbourhoods for the posters in the table.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="236"/>
        <source>Escriba el número de WhatsApp del C4 para los carteles.</source>
        <translation>Type the C4&apos;s WhatsApp number for the posters.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="243"/>
        <source>Preparando los carteles de {0}…</source>
        <translation>Preparing the posters of {0}…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="244"/>
        <source>preparar los carteles QR</source>
        <translation>prepare the QR posters</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="246"/>
        <source>No se pudieron preparar los carteles: {0}</source>
        <translation>The posters could not be prepared: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/observatory/observatory_window.py" line="252"/>
        <source>Carteles de {0} guardados en {1}</source>
        <translation>Posters of {0} saved in {1}</translation>
    </message>
</context>
<context>
    <name>OpenCaseDialog</name>
    <message>
        <location filename="../../c4console/gui/cases/open_case_dialog.py" line="51"/>
        <location filename="../../ui/open_case.ui" line="8"/>
        <source>Abrir expediente</source>
        <translation>Open case file</translation>
    </message>
    <message>
        <location filename="../../ui/open_case.ui" line="62"/>
        <source>AAAA-MM-DD (opcional)</source>
        <translation>YYYY-MM-DD (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/open_case.ui" line="16"/>
        <source>Incidente:</source>
        <translation>Incident:</translation>
    </message>
    <message>
        <location filename="../../ui/open_case.ui" line="26"/>
        <source>Nombre:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../ui/open_case.ui" line="39"/>
        <source>Sexo:</source>
        <translation>Sex:</translation>
    </message>
    <message>
        <location filename="../../ui/open_case.ui" line="52"/>
        <source>Fecha de nacimiento:</source>
        <translation>Date of birth:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/open_case_dialog.py" line="63"/>
        <source>Escriba el nombre de la persona</source>
        <translation>Type the person&apos;s name</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/open_case_dialog.py" line="67"/>
        <source>La fecha de nacimiento debe ser AAAA-MM-DD</source>
        <translation>The date of birth must be YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/open_case_dialog.py" line="69"/>
        <source>La fecha de nacimiento no puede ser futura</source>
        <translation>The date of birth cannot be in the future</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../c4console/gui/incidents/queue_panel.py" line="122"/>
        <source>Buscar folio, colonia, tipo… (Ctrl+F)</source>
        <translation>Search folio, neighbourhood, type… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_panel.py" line="124"/>
        <source>Abiertos</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_panel.py" line="125"/>
        <source>Todos</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_panel.py" line="213"/>
        <source>{0} ya está cerrado</source>
        <translation>{0} is already closed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_panel.py" line="216"/>
        <source>{0} ya tiene la unidad {1}</source>
        <translation>{0} already has unit {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_panel.py" line="219"/>
        <source>{0} no está disponible ({1})</source>
        <translation>{0} is not available ({1})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_panel.py" line="224"/>
        <source>Despachar {0} a {1} (sin ubicación para calcular el tiempo de llegada)</source>
        <translation>Dispatch {0} to {1} (no location to estimate the arrival time)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_panel.py" line="227"/>
        <source>Despachar {0} a {1}: sin posición conocida, fuera del ranking; la recomendada es {2}</source>
        <translation>Dispatch {0} to {1}: no known position, not ranked; the recommended unit is {2}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_panel.py" line="231"/>
        <source>Despachar {0} a {1}: {2}.ª de {3} por tiempo de llegada (≈{4}, {5} km)</source>
        <translation>Dispatch {0} to {1}: #{2} of {3} by arrival time (≈{4}, {5} km)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/queue_panel.py" line="235"/>
        <source> · la recomendada es {0} (≈{1})</source>
        <translation> · the recommended unit is {0} (≈{1})</translation>
    </message>
</context>
<context>
    <name>ReclassifyDialog</name>
    <message>
        <location filename="../../c4console/gui/calls/reclassify_dialog.py" line="44"/>
        <source>Reclasificar</source>
        <translation>Reclassify</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/reclassify_dialog.py" line="59"/>
        <source>Elija el tipo de incidente</source>
        <translation>Choose the incident type</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/calls/reclassify_dialog.py" line="63"/>
        <source>Escriba el motivo de la reclasificación</source>
        <translation>Type the reason for the reclassification</translation>
    </message>
    <message>
        <location filename="../../ui/reclassify.ui" line="8"/>
        <source>Reclasificar incidente</source>
        <translation>Reclassify incident</translation>
    </message>
    <message>
        <location filename="../../ui/reclassify.ui" line="16"/>
        <source>Incidente:</source>
        <translation>Incident:</translation>
    </message>
    <message>
        <location filename="../../ui/reclassify.ui" line="26"/>
        <source>&amp;Tipo (CNIE):</source>
        <translation>&amp;Type (CNIE):</translation>
    </message>
    <message>
        <location filename="../../ui/reclassify.ui" line="36"/>
        <source>Código o palabras</source>
        <translation>Code or words</translation>
    </message>
    <message>
        <location filename="../../ui/reclassify.ui" line="56"/>
        <source>&amp;Prioridad:</source>
        <translation>&amp;Priority:</translation>
    </message>
    <message>
        <location filename="../../ui/reclassify.ui" line="69"/>
        <source>&amp;Motivo:</source>
        <translation>&amp;Reason:</translation>
    </message>
</context>
<context>
    <name>RecordingsLibrary</name>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="191"/>
        <source>Folio o id</source>
        <translation>Folio or id</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="191"/>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="213"/>
        <source>Dispositivo</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="192"/>
        <source>Nombre o id</source>
        <translation>Name or id</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="192"/>
        <source>Usuario</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="197"/>
        <source>Desde:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="199"/>
        <source>Hasta:</source>
        <translation>To:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="201"/>
        <source>Incidente:</source>
        <translation>Incident:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="203"/>
        <source>Dispositivo:</source>
        <translation>Device:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="205"/>
        <source>Beneficiaria:</source>
        <translation>Beneficiary:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="207"/>
        <source>Operador(a):</source>
        <translation>Operator:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="213"/>
        <source>Inicio</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="213"/>
        <source>Folio</source>
        <translation>Folio</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="213"/>
        <source>Beneficiaria</source>
        <translation>Beneficiary</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="214"/>
        <source>Operador(a)</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="214"/>
        <source>Duración</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="214"/>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="214"/>
        <source>En caché</source>
        <translation>Cached</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="222"/>
        <source>Actualizar</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="224"/>
        <source>Reproducir</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="277"/>
        <source>sí</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="277"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="284"/>
        <source>{0} grabaciones · caché local: {1} ({2:.1f} de {3:.0f} MB)</source>
        <translation>{0} recordings · local cache: {1} ({2:.1f} of {3:.0f} MB)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="287"/>
        <source>Sin conexión con la central: solo las grabaciones en caché se pueden reproducir. </source>
        <translation>No connection to the central: only cached recordings can be replayed. </translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/recordings_library.py" line="290"/>
        <source>La central no dio la lista: {0}. </source>
        <translation>The central did not give the list: {0}. </translation>
    </message>
</context>
<context>
    <name>ReferralActions</name>
    <message>
        <location filename="../../c4console/gui/referrals/referral_actions.py" line="64"/>
        <source>Seleccione un expediente</source>
        <translation>Select a case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_actions.py" line="77"/>
        <source>canalizar</source>
        <translation>refer</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_actions.py" line="79"/>
        <source>cambiar el estado de la canalización</source>
        <translation>change the referral&apos;s status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_actions.py" line="124"/>
        <source>Guardar la carta de canalización</source>
        <translation>Save the referral letter</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_actions.py" line="125"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_actions.py" line="128"/>
        <source>No se pudo guardar la carta: {0}</source>
        <translation>Could not save the letter: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_actions.py" line="137"/>
        <source>Carta guardada en {0}</source>
        <translation>Letter saved in {0}</translation>
    </message>
</context>
<context>
    <name>ReferralLabels</name>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="13"/>
        <source>Enviada</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="14"/>
        <source>Recibida</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="15"/>
        <source>Atendida</source>
        <translation>Attended</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="16"/>
        <source>Cerrada</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="17"/>
        <source>Rechazada</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="22"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="23"/>
        <source>Urgente</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="28"/>
        <source>Cómo contactarla (teléfonos, WhatsApp)</source>
        <translation>How to reach her (phones, WhatsApp)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="29"/>
        <source>Domicilio</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="30"/>
        <source>Órdenes de protección</source>
        <translation>Protection orders</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="31"/>
        <source>Nivel de riesgo</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="32"/>
        <source>Persona agresora</source>
        <translation>Aggressor</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="33"/>
        <source>Episodios de violencia</source>
        <translation>Episodes of violence</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/referrals/referral_labels.py" line="34"/>
        <source>Datos generales (sexo, nacimiento)</source>
        <translation>General data (sex, birth)</translation>
    </message>
</context>
<context>
    <name>RegistryPanel</name>
    <message>
        <location filename="../../ui/registry.ui" line="15"/>
        <source>Dispositivos del programa por estado (de su ciclo de vida)</source>
        <translation>The programme&apos;s devices by state (from their lifecycle)</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="30"/>
        <source>Buscar por nombre, teléfono, colonia u orden</source>
        <translation>Search by name, phone, neighbourhood or order</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="56"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="61"/>
        <location filename="../../ui/registry.ui" line="81"/>
        <location filename="../../ui/registry.ui" line="244"/>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="66"/>
        <source>Orden vigente hasta</source>
        <translation>Order valid until</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="71"/>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="94"/>
        <location filename="../../ui/registry.ui" line="249"/>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="107"/>
        <source>Domicilio</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="120"/>
        <source>Colonia</source>
        <translation>Neighbourhood</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="133"/>
        <source>Número de orden</source>
        <translation>Order number</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="146"/>
        <source>Autoridad que la emite</source>
        <translation>Issuing authority</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="159"/>
        <source>Vigente desde (AAAA-MM-DD)</source>
        <translation>Valid from (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="172"/>
        <source>Vigente hasta (AAAA-MM-DD)</source>
        <translation>Valid until (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="185"/>
        <source>Agresor</source>
        <translation>Aggressor</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="130"/>
        <location filename="../../ui/registry.ui" line="37"/>
        <source>Importar CSV…</source>
        <translation>Import CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="198"/>
        <source>Ubicación del domicilio</source>
        <translation>Home location</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="211"/>
        <source>Medidas de protección</source>
        <translation>Protection measures</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="254"/>
        <source>Parentesco</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="264"/>
        <source>Agregar contacto</source>
        <translation>Add contact</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="271"/>
        <source>Quitar contacto</source>
        <translation>Remove contact</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="296"/>
        <source>Guardar</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/registry.ui" line="233"/>
        <source>Contactos de confianza</source>
        <translation>Trusted contacts</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="154"/>
        <source>Vencida</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="154"/>
        <source>Por vencer</source>
        <translation>Expiring</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="262"/>
        <source>Paso del dispositivo %1 enviado a la central.</source>
        <translation>Step of device %1 sent to the central.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="264"/>
        <source>registrar el paso del dispositivo</source>
        <translation>record the device&apos;s step</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="286"/>
        <source>La ubicación debe ser «latitud, longitud».</source>
        <translation>The location must be “latitude, longitude”.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="309"/>
        <source>Guardando…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="311"/>
        <source>Cambios enviados a la central.</source>
        <translation>Changes sent to the central.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="312"/>
        <source>guardar la beneficiaria</source>
        <translation>save the beneficiary</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="319"/>
        <source>Dispositivo %1 listo para la prueba de activación.</source>
        <translation>Device %1 ready for its test activation.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="321"/>
        <source>armar la prueba del dispositivo</source>
        <translation>arm the device test</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="328"/>
        <source>Prueba del dispositivo %1 cancelada.</source>
        <translation>Test of device %1 cancelled.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="330"/>
        <source>cancelar la prueba del dispositivo</source>
        <translation>cancel the device test</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="336"/>
        <source>No se pudo guardar: %1</source>
        <translation>Could not save: %1</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/registry/registry_panel.py" line="349"/>
        <source>La central rechazó el cambio: %1</source>
        <translation>The central refused the change: %1</translation>
    </message>
</context>
<context>
    <name>RejectionsPanel</name>
    <message>
        <location filename="../../c4console/gui/incidents/rejections_panel.py" line="57"/>
        <source>Enterado (quitar de la lista)</source>
        <translation>Understood (remove from list)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/rejections_panel.py" line="65"/>
        <source>Acciones rechazadas por la central</source>
        <translation>Actions refused by the central</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/rejections_panel.py" line="76"/>
        <source>leer las rechazadas</source>
        <translation>read the refused actions</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/rejections_panel.py" line="89"/>
        <source>quitar la rechazada</source>
        <translation>remove the refused action</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/rejections_panel.py" line="107"/>
        <source>{0}  {1} (no se envió)</source>
        <translation>{0}  {1} (not sent)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/incidents/rejections_panel.py" line="160"/>
        <source>Lo hizo {0} a las {1}</source>
        <translation>Done by {0} at {1}</translation>
    </message>
</context>
<context>
    <name>ReplayPanel</name>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="93"/>
        <source>Sin grabación abierta</source>
        <translation>No recording open</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="126"/>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="373"/>
        <source>Reproducir</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="129"/>
        <source>−5 s</source>
        <translation>−5 s</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="131"/>
        <source>+5 s</source>
        <translation>+5 s</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="138"/>
        <source>Velocidad (el tono de la voz se conserva)</source>
        <translation>Speed (the pitch of the voice is kept)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="140"/>
        <source>Repetir región</source>
        <translation>Loop region</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="149"/>
        <source>Nivel (dBFS)</source>
        <translation>Level (dBFS)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="157"/>
        <source>Velocidad:</source>
        <translation>Speed:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="169"/>
        <source>Nota del marcador (en la posición actual) y Enter</source>
        <translation>Bookmark note (at the current position) and Enter</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="171"/>
        <source>Marcar</source>
        <translation>Bookmark</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="180"/>
        <source>Exportar evidencia…</source>
        <translation>Export evidence…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="193"/>
        <source>Marcadores (doble clic: ir)</source>
        <translation>Bookmarks (double-click: go)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="213"/>
        <source>Salida: {0}</source>
        <translation>Output: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="216"/>
        <source>Sin salida de audio: {0}</source>
        <translation>No audio output: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="224"/>
        <source>Grabación {0}</source>
        <translation>Recording {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="225"/>
        <source>La central rechazó la grabación: {0}</source>
        <translation>The central refused the recording: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="238"/>
        <source>desde la central</source>
        <translation>from the central</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="238"/>
        <source>desde la caché local</source>
        <translation>from the local cache</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="239"/>
        <source>Grabación {0} · {1} · {2} · {3}</source>
        <translation>Recording {0} · {1} · {2} · {3}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="261"/>
        <source>Verificación: sin informe</source>
        <translation>Verification: no report</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="264"/>
        <source> (informe guardado al descargarla)</source>
        <translation> (report stored when it was downloaded)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="266"/>
        <source>Verificada por la central: {0} de {1} segmentos, cadena {2}…{3}</source>
        <translation>Verified by the central: {0} of {1} segments, chain {2}…{3}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="271"/>
        <source>VERIFICACIÓN FALLIDA: {0}{1}</source>
        <translation>VERIFICATION FAILED: {0}{1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="373"/>
        <source>Pausa</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="428"/>
        <source>No se exporta: la verificación falló ({0})</source>
        <translation>Not exported: verification failed ({0})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="432"/>
        <source>Carpeta para la evidencia</source>
        <translation>Folder for the evidence</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="444"/>
        <source>Exportada a {0} ({1} archivos)</source>
        <translation>Exported to {0} ({1} files)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="471"/>
        <source>guardar el marcador</source>
        <translation>save the bookmark</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="475"/>
        <source>abrir la grabación</source>
        <translation>open the recording</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/audio/replay_panel.py" line="489"/>
        <source>no se pudo obtener ({0}: {1})</source>
        <translation>could not be fetched ({0}: {1})</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="47"/>
        <source>Informe del periodo…</source>
        <translation>Period report…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="50"/>
        <source>Datos abiertos…</source>
        <translation>Open data…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="68"/>
        <source>Informe del periodo</source>
        <translation>Period report</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="73"/>
        <source>Datos abiertos (sin datos personales)</source>
        <translation>Open data (no personal data)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="75"/>
        <source>Se publican meses completos por colonia; las cifras menores de 5 aparecen como «&lt;5».</source>
        <translation>Whole months are published per colonia; counts under 5 appear as “&lt;5”.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="99"/>
        <source>Guardar como</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="104"/>
        <source>guardar el informe</source>
        <translation>save the report</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="112"/>
        <source>Pidiendo el informe a la central…</source>
        <translation>Asking the central for the report…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="119"/>
        <source>La central no lo entregó: {0}</source>
        <translation>The central did not deliver it: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="123"/>
        <source>Guardado en {0} ({1} KB)</source>
        <translation>Saved to {0} ({1} KB)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="128"/>
        <source>La central no conoce ese formato.</source>
        <translation>The central does not know that format.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="131"/>
        <source>El periodo termina ({0}) antes de empezar ({1}): corrija las fechas.</source>
        <translation>The period ends ({0}) before it starts ({1}): correct the dates.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="134"/>
        <source>El periodo del {0} al {1} pasa de 5 años: pida periodos más cortos.</source>
        <translation>The period from {0} to {1} is over 5 years: ask for shorter periods.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="136"/>
        <source>Fechas no válidas: {0} a {1}.</source>
        <translation>Invalid dates: {0} to {1}.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/reports/report_actions.py" line="137"/>
        <source>La central lo rechazó: {0}</source>
        <translation>The central refused it: {0}</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../ui/report.ui" line="9"/>
        <source>Informe</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../ui/report.ui" line="17"/>
        <source>&amp;Desde:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <location filename="../../ui/report.ui" line="37"/>
        <source>&amp;Hasta (incluido):</source>
        <translation>&amp;To (included):</translation>
    </message>
    <message>
        <location filename="../../ui/report.ui" line="57"/>
        <source>&amp;Formato:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <location filename="../../ui/report.ui" line="88"/>
        <source>&amp;Guardar…</source>
        <translation>&amp;Save…</translation>
    </message>
    <message>
        <location filename="../../ui/report.ui" line="98"/>
        <source>&amp;Cerrar</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>RiskDialog</name>
    <message>
        <location filename="../../ui/risk.ui" line="17"/>
        <source>Evaluación de riesgo</source>
        <translation>Risk assessment</translation>
    </message>
    <message>
        <location filename="../../ui/risk.ui" line="42"/>
        <source>Sí</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/risk.ui" line="54"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/risk.ui" line="66"/>
        <source>No sé</source>
        <translation>Don&apos;t know</translation>
    </message>
    <message>
        <location filename="../../ui/risk.ui" line="84"/>
        <source>Nota (opcional)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/risk_dialog.py" line="61"/>
        <source>Guardar evaluación</source>
        <translation>Save assessment</translation>
    </message>
    <message>
        <location filename="../../ui/risk.ui" line="23"/>
        <source>Persona: {0}</source>
        <translation>Person: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/risk_dialog.py" line="84"/>
        <source>puntuación {0} de {1}; sin responder: {2}</source>
        <translation>score {0} of {1}; unanswered: {2}</translation>
    </message>
</context>
<context>
    <name>RosterPanel</name>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="102"/>
        <source>Turno</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="102"/>
        <source>Periodo</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="102"/>
        <source>Jefe de turno</source>
        <translation>Shift lead</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="102"/>
        <source>Operadoras</source>
        <translation>Operators</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="103"/>
        <source>Unidades</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="103"/>
        <source>Sectores</source>
        <translation>Sectors</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="133"/>
        <source>Nombre:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="134"/>
        <source>Inicia:</source>
        <translation>Starts:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="135"/>
        <source>Termina:</source>
        <translation>Ends:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="136"/>
        <source>Jefe de turno:</source>
        <translation>Shift lead:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="137"/>
        <source>Operadoras:</source>
        <translation>Operators:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="138"/>
        <source>Unidades:</source>
        <translation>Units:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="139"/>
        <source>Sectores:</source>
        <translation>Sectors:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="141"/>
        <source>Nuevo turno</source>
        <translation>New shift</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="144"/>
        <source>Guardar turno</source>
        <translation>Save shift</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="170"/>
        <source>guardar el turno</source>
        <translation>save the shift</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="200"/>
        <source>{0} (en curso)</source>
        <translation>{0} (current)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="259"/>
        <source>Escriba el nombre del turno</source>
        <translation>Type the shift&apos;s name</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="263"/>
        <source>El turno debe terminar después de empezar</source>
        <translation>The shift must end after it starts</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="265"/>
        <source>Turno {0} enviado a la central</source>
        <translation>Shift {0} sent to the central</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="291"/>
        <source>La central rechazó el turno: {0}</source>
        <translation>The central refused the shift: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="301"/>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="307"/>
        <source>leer la lista de usuarios</source>
        <translation>read the list of users</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/roster_panel.py" line="318"/>
        <source>No se pudo leer la lista de usuarios: {0}</source>
        <translation>Could not read the list of users: {0}</translation>
    </message>
</context>
<context>
    <name>SectorDropList</name>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="230"/>
        <source>Arrastre una unidad a un sector para reasignarla</source>
        <translation>Drag a unit onto a sector to reassign it</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="236"/>
        <source>Sector {0}</source>
        <translation>Sector {0}</translation>
    </message>
</context>
<context>
    <name>ShareCaseDialog</name>
    <message>
        <location filename="../../c4console/gui/cases/share_dialog.py" line="38"/>
        <source>Expediente {0} · {1}</source>
        <translation>Case {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/share_dialog.py" line="55"/>
        <source>La central no tiene otras instituciones registradas</source>
        <translation>The central has no other agencies registered</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/share_dialog.py" line="90"/>
        <source>Elija la institución</source>
        <translation>Choose the agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/share_dialog.py" line="92"/>
        <source>Escriba el motivo: queda registrado con el compartido</source>
        <translation>Type the reason: it is recorded with the share</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/share_dialog.py" line="94"/>
        <source>Enviando…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../ui/share_case.ui" line="8"/>
        <source>Compartir con una institución</source>
        <translation>Share with an agency</translation>
    </message>
    <message>
        <location filename="../../ui/share_case.ui" line="29"/>
        <source>&amp;Institución:</source>
        <translation>&amp;Agency:</translation>
    </message>
    <message>
        <location filename="../../ui/share_case.ui" line="42"/>
        <source>&amp;Nivel:</source>
        <translation>&amp;Level:</translation>
    </message>
    <message>
        <location filename="../../ui/share_case.ui" line="62"/>
        <source>&amp;Motivo:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/share_case.ui" line="78"/>
        <source>Por qué la institución necesita su caso (obligatorio)</source>
        <translation>Why the agency needs her case (required)</translation>
    </message>
    <message>
        <location filename="../../ui/share_case.ui" line="85"/>
        <source>&amp;Hasta el:</source>
        <translation>&amp;Until:</translation>
    </message>
</context>
<context>
    <name>ShareReasonDialog</name>
    <message>
        <location filename="../../c4console/gui/cases/share_reason_dialog.py" line="50"/>
        <source>Escriba el motivo: queda registrado con el compartido</source>
        <translation>Type the reason: it is recorded with the share</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/share_reason_dialog.py" line="52"/>
        <source>Enviando…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../ui/share_reason.ui" line="34"/>
        <source>&amp;Motivo (obligatorio):</source>
        <translation>&amp;Reason (required):</translation>
    </message>
</context>
<context>
    <name>SharedCasesPanel</name>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="46"/>
        <source>No hay casos compartidos con su institución</source>
        <translation>No cases are shared with your agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="86"/>
        <source>{0} · riesgo {1}</source>
        <translation>{0} · risk {1}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="87"/>
        <source>(sin nombre)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="106"/>
        <source>Nombre: {0}</source>
        <translation>Name: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="107"/>
        <source>Nivel de riesgo: {0}</source>
        <translation>Risk level: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="110"/>
        <source>Órdenes de protección vigentes:</source>
        <translation>Protection orders in force:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="112"/>
        <source>sin fecha de término</source>
        <translation>no end date</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="113"/>
        <source>  · {0} ({1}), hasta {2}</source>
        <translation>  · {0} ({1}), until {2}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="115"/>
        <source>Órdenes de protección vigentes: ninguna</source>
        <translation>Protection orders in force: none</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="116"/>
        <source>Tareas abiertas: véase la pestaña Tareas</source>
        <translation>Open tasks: see the Tasks tab</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="118"/>
        <source>Historial</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="118"/>
        <source>Intervenciones</source>
        <translation>Interventions</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="119"/>
        <source>Notas psicológicas</source>
        <translation>Psychological notes</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/liaison/shared_cases.py" line="124"/>
        <source>  {0} · {1}: {2}</source>
        <translation>  {0} · {1}: {2}</translation>
    </message>
</context>
<context>
    <name>SharingActions</name>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="45"/>
        <source>Compartir con una institución…</source>
        <translation>Share with an agency…</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="95"/>
        <source>Seleccione un expediente en Expedientes</source>
        <translation>Select a case in Cases</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="103"/>
        <source>No se pudieron leer las instituciones: {0}</source>
        <translation>Could not read the agencies: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="111"/>
        <source>Seleccione un expediente</source>
        <translation>Select a case file</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="138"/>
        <source>Retirar el compartido</source>
        <translation>Revoke the share</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="139"/>
        <source>{0} deja de ver este expediente ahora; su consola lo borra.</source>
        <translation>{0} stops seeing this case now; its console deletes it.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="149"/>
        <source>Compartir notas psicológicas</source>
        <translation>Share psychological notes</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="150"/>
        <source>Sus notas psicológicas irán a {0} con este compartido completo.</source>
        <translation>Her psychological notes will go to {0} with this full share.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="151"/>
        <source>Atención: las notas psicológicas son lo más sensible de su expediente. Compártalas solo si la institución las necesita para protegerla; queda registrado quién lo hizo y por qué.</source>
        <translation>Warning: psychological notes are the most sensitive part of her case. Share them only if the agency needs them to protect her; who did it and why is recorded.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="171"/>
        <source>No se pudo guardar: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="189"/>
        <source>Expediente compartido con {0}</source>
        <translation>Case shared with {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="196"/>
        <source>Compartido retirado</source>
        <translation>Share revoked</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="197"/>
        <source>Notas psicológicas compartidas</source>
        <translation>Psychological notes shared</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_actions.py" line="204"/>
        <source>No se pudieron consultar las lecturas: {0}</source>
        <translation>Could not ask for the reads: {0}</translation>
    </message>
</context>
<context>
    <name>SharingLabels</name>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="22"/>
        <source>Resumen</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="23"/>
        <source>Completo</source>
        <translation>Full</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="30"/>
        <source>Resumen: nombre, nivel de riesgo, órdenes de protección vigentes y tareas abiertas.</source>
        <translation>Summary: name, risk level, protection orders in force and open tasks.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="33"/>
        <source>Completo: además sus datos, domicilios, agresores, contactos de confianza, historial e intervenciones; nunca las notas psicológicas sin el paso aparte.</source>
        <translation>Full: also her details, addresses, aggressors, trusted contacts, history and interventions; never the psychological notes without the separate step.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="42"/>
        <source>La central no conoce esa institución.</source>
        <translation>The central does not know that agency.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="43"/>
        <source>El personal del C4 ya ve el caso por su rol: se comparte con otra institución.</source>
        <translation>The C4&apos;s staff already see the case by their role: a share is for another agency.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="46"/>
        <source>La fecha de término ya pasó: indique una fecha de hoy en adelante o ninguna.</source>
        <translation>The end date has passed: give a date from today on, or none.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="48"/>
        <source>Falta el motivo o algún dato no es válido.</source>
        <translation>The reason is missing or some data is not valid.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="49"/>
        <source>La central no encuentra ese expediente o ese compartido.</source>
        <translation>The central cannot find that case or that share.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="51"/>
        <source>Este expediente se fusionó con otro: compártalo desde el expediente vigente.</source>
        <translation>This case was merged into another: share it from the current case.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="53"/>
        <source>Eso ya está registrado.</source>
        <translation>That is already recorded.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="54"/>
        <source>Ese compartido ya fue retirado.</source>
        <translation>That share was already revoked.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="55"/>
        <source>Las notas psicológicas solo van con un compartido de nivel completo.</source>
        <translation>Psychological notes go only with a full share.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="57"/>
        <source>Ese compartido ya terminó.</source>
        <translation>That share has ended.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="58"/>
        <source>Su rol no puede hacer esto.</source>
        <translation>Your role cannot do this.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="60"/>
        <source>La central no lo aceptó.</source>
        <translation>The central did not accept it.</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="66"/>
        <source>nombre</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="67"/>
        <source>sexo</source>
        <translation>sex</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="68"/>
        <source>fecha de nacimiento</source>
        <translation>date of birth</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="69"/>
        <source>edad</source>
        <translation>age</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="70"/>
        <source>grupo de edad</source>
        <translation>age group</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="71"/>
        <source>lugar de nacimiento</source>
        <translation>place of birth</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="72"/>
        <source>lengua indígena</source>
        <translation>indigenous language</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="73"/>
        <source>discapacidad</source>
        <translation>disability</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="74"/>
        <source>número en el padrón</source>
        <translation>registry number</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="75"/>
        <source>teléfonos</source>
        <translation>phones</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="76"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="77"/>
        <source>domicilios</source>
        <translation>addresses</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="78"/>
        <source>órdenes de protección</source>
        <translation>protection orders</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="79"/>
        <source>órdenes vigentes</source>
        <translation>orders in force</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="80"/>
        <source>nivel de riesgo</source>
        <translation>risk level</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="81"/>
        <source>evaluaciones de riesgo</source>
        <translation>risk assessments</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="82"/>
        <source>próxima evaluación</source>
        <translation>next assessment</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="83"/>
        <source>agresores</source>
        <translation>aggressors</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="84"/>
        <source>nombres de agresores</source>
        <translation>aggressors&apos; names</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="85"/>
        <source>contactos de confianza</source>
        <translation>trusted contacts</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="86"/>
        <source>nombres de contactos de confianza</source>
        <translation>trusted contacts&apos; names</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="87"/>
        <source>incidentes</source>
        <translation>incidents</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="88"/>
        <source>dispositivos</source>
        <translation>devices</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="89"/>
        <source>episodios</source>
        <translation>episodes</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="95"/>
        <source>consulta</source>
        <translation>opened</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="96"/>
        <source>recibido en su consola</source>
        <translation>received at its console</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="105"/>
        <source>Compartido con {0} ({1})</source>
        <translation>Shared with {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="108"/>
        <source>Acceso retirado a {0}</source>
        <translation>Access withdrawn from {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="109"/>
        <source>Notas psicológicas compartidas con {0}</source>
        <translation>Psychological notes shared with {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="110"/>
        <source>Venció el acceso de {0}</source>
        <translation>Access of {0} expired</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="120"/>
        <source>motivo: {0}</source>
        <translation>reason: {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="122"/>
        <source>hasta {0}</source>
        <translation>until {0}</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="132"/>
        <source>Intervención</source>
        <translation>Intervention</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="133"/>
        <source>Notas psicológicas</source>
        <translation>Psychological notes</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="134"/>
        <source>Canalización</source>
        <translation>Referral</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="135"/>
        <source>Visita de patrulla</source>
        <translation>Patrol visit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="136"/>
        <source>Entrevista de seguimiento</source>
        <translation>Follow-up interview</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="137"/>
        <source>Llamada de seguimiento</source>
        <translation>Follow-up call</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="138"/>
        <source>Tarea de coordinación hecha</source>
        <translation>Coordination task done</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/sharing_labels.py" line="158"/>
        <source>comprobada por GPS ({0})</source>
        <translation>proven by GPS ({0})</translation>
    </message>
</context>
<context>
    <name>StatsMenu</name>
    <message>
        <location filename="../../c4console/gui/shell/stats_menu.py" line="15"/>
        <source>&amp;Estadística</source>
        <translation>&amp;Statistics</translation>
    </message>
</context>
<context>
    <name>TasksPanel</name>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="43"/>
        <source>Vence</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="43"/>
        <source>Tarea</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="44"/>
        <source>Caso</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="44"/>
        <source>Institución</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="45"/>
        <source>Estado</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="52"/>
        <source>Nota: qué se hizo</source>
        <translation>Note: what was done</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="53"/>
        <source>Marcar como hecha</source>
        <translation>Mark as done</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="97"/>
        <source>Hecha: %1</source>
        <translation>Done: %1</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="98"/>
        <source>Vencida</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="98"/>
        <source>Pendiente</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="128"/>
        <source>Seleccione una tarea</source>
        <translation>Select a task</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="131"/>
        <source>Esa tarea ya está hecha</source>
        <translation>That task is already done</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="134"/>
        <source>Escriba una nota de lo que se hizo</source>
        <translation>Write a note of what was done</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="142"/>
        <source>Guardado; se enviará a la central</source>
        <translation>Saved; it will be sent to the central</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/coordination/tasks_panel.py" line="151"/>
        <source>La central no la marcó: %1</source>
        <translation>The central did not mark it: %1</translation>
    </message>
</context>
<context>
    <name>UnitBoard</name>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="367"/>
        <source>Arrastre una unidad a un incidente de la cola para despacharla</source>
        <translation>Drag a unit onto an incident in the queue to dispatch it</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="376"/>
        <source>Motivo (obligatorio para fuera de servicio)</source>
        <translation>Reason (required for out of service)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="378"/>
        <source>Cambiar estado</source>
        <translation>Change status</translation>
    </message>
</context>
<context>
    <name>UnitTableModel</name>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="84"/>
        <source>Unidad</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="84"/>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="84"/>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="85"/>
        <source>Incidente</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="85"/>
        <source>En estado</source>
        <translation>In status for</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="85"/>
        <source>Tipo</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="86"/>
        <source>Visitas hoy</source>
        <translation>Visits today</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/units/unit_board.py" line="127"/>
        <source>{0} · próxima {1}</source>
        <translation>{0} · next {1}</translation>
    </message>
</context>
<context>
    <name>UnlockLoginBox</name>
    <message>
        <location filename="../../c4console/gui/shift/unlock_login.py" line="37"/>
        <source>Cuenta bloqueada tras intentos fallidos de acceso</source>
        <translation>Account locked after failed login attempts</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/unlock_login.py" line="38"/>
        <source>Desbloquear acceso</source>
        <translation>Unlock login</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/unlock_login.py" line="46"/>
        <source>Usuario:</source>
        <translation>User:</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/unlock_login.py" line="70"/>
        <source>Escriba la cuenta que desea desbloquear</source>
        <translation>Type the account to unlock</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/unlock_login.py" line="72"/>
        <source>Desbloqueo de {0} enviado a la central</source>
        <translation>Unlock of {0} sent to the central</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/unlock_login.py" line="73"/>
        <source>desbloquear el acceso</source>
        <translation>unlock the login</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/shift/unlock_login.py" line="86"/>
        <source>La central rechazó el desbloqueo: {0}</source>
        <translation>The central refused the unlock: {0}</translation>
    </message>
</context>
<context>
    <name>VisitOutcome</name>
    <message>
        <location filename="../../ui/visit_outcome.ui" line="7"/>
        <source>Resultado de la visita</source>
        <translation>Visit outcome</translation>
    </message>
    <message>
        <location filename="../../ui/visit_outcome.ui" line="15"/>
        <source>Visita:</source>
        <translation>Visit:</translation>
    </message>
    <message>
        <location filename="../../ui/visit_outcome.ui" line="28"/>
        <source>&amp;Resultado:</source>
        <translation>&amp;Result:</translation>
    </message>
    <message>
        <location filename="../../ui/visit_outcome.ui" line="41"/>
        <source>&amp;Incidente:</source>
        <translation>&amp;Incident:</translation>
    </message>
</context>
<context>
    <name>VisitOutcomeDialog</name>
    <message>
        <location filename="../../c4console/gui/follow_up/visit_forms.py" line="80"/>
        <source>— elija el incidente —</source>
        <translation>— choose the incident —</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/follow_up/visit_forms.py" line="103"/>
        <source>Elija el incidente que se abrió en la visita</source>
        <translation>Choose the incident opened on the visit</translation>
    </message>
</context>
<context>
    <name>WindowCovers</name>
    <message>
        <location filename="../../c4console/gui/shell/window_covers.py" line="77"/>
        <source>Consola bloqueada: desbloquéela en la ventana principal.</source>
        <translation>Console locked: unlock it in the main window.</translation>
    </message>
</context>
<context>
    <name>ZoneActions</name>
    <message>
        <location filename="../../c4console/gui/cases/zone_actions.py" line="46"/>
        <source>Seleccione un expediente con orden de protección</source>
        <translation>Select a case with a protection order</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zone_actions.py" line="81"/>
        <location filename="../../c4console/gui/cases/zone_actions.py" line="88"/>
        <source>No hay mapa en esta consola</source>
        <translation>This console has no map</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zone_actions.py" line="84"/>
        <source>Haga clic en el centro de la zona (Esc cancela)</source>
        <translation>Click at the zone&apos;s centre (Esc cancels)</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zone_actions.py" line="91"/>
        <source>Haga clic en cada esquina de la zona; Intro o doble clic la cierra, Esc cancela</source>
        <translation>Click at each of the zone&apos;s corners; Enter or a double click closes it, Esc cancels</translation>
    </message>
    <message>
        <location filename="../../c4console/gui/cases/zone_actions.py" line="117"/>
        <source>guardar las zonas de exclusión</source>
        <translation>save the exclusion zones</translation>
    </message>
</context>
</TS>
