<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>bundle %1 from %2 was already imported; nothing changed.</source>
        <translation>el paquete %1 de %2 ya estaba importado; no cambió nada.</translation>
    </message>
    <message>
        <source>bundle %1 from %2: %3 new, %4 updated, %5 unchanged or older.</source>
        <translation>paquete %1 de %2: %3 nuevas, %4 actualizadas, %5 sin cambios o más antiguas.</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Testimonio</source>
        <translation>Acerca de Testimonio</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Testimonio %1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Testimonio %1&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Structured interviews recorded offline in an encrypted vault. Data leaves only as a pseudonymised bundle encrypted to the team lead.</source>
        <translation>Entrevistas estructuradas registradas sin conexión en una bóveda cifrada. Los datos solo salen como un paquete seudonimizado y cifrado para la coordinación.</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Componente</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licencia</translation>
    </message>
    <message>
        <source>Bundled components and their licences</source>
        <translation>Componentes incluidos y sus licencias</translation>
    </message>
</context>
<context>
    <name>AcknowledgeInput</name>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
</context>
<context>
    <name>AddResearcherDialog</name>
    <message>
        <source>Add a researcher</source>
        <translation>Añadir un investigador</translation>
    </message>
    <message>
        <source>Researcher&apos;s key file</source>
        <translation>Archivo de clave del investigador</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>Archivo de &amp;clave:</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>&amp;Name on the team:</source>
        <translation>&amp;Nombre en el equipo:</translation>
    </message>
    <message>
        <source>Name on the team</source>
        <translation>Nombre en el equipo</translation>
    </message>
    <message>
        <source>the researcher</source>
        <translation>el investigador</translation>
    </message>
    <message>
        <source>&amp;Add to the team</source>
        <translation>&amp;Añadir al equipo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Open a researcher&apos;s key file</source>
        <translation>Abrir el archivo de clave de un investigador</translation>
    </message>
    <message>
        <source>Key files</source>
        <translation>Archivos de clave</translation>
    </message>
    <message>
        <source>The team already has a researcher named %1. Give this one a different name (a surname, or the place they work), so the two are never confused.</source>
        <translation>El equipo ya tiene un investigador llamado %1. Dé a este otro nombre (un apellido o el lugar donde trabaja) para que nunca se confundan.</translation>
    </message>
    <message>
        <source>Give the researcher a name.</source>
        <translation>Dé un nombre al investigador.</translation>
    </message>
    <message>
        <source>Researcher: %1</source>
        <translation>Investigador: %1</translation>
    </message>
    <message>
        <source>(no name given)</source>
        <translation>(sin nombre)</translation>
    </message>
</context>
<context>
    <name>AnswersMenu</name>
    <message>
        <source>&amp;Publish a team update…</source>
        <translation>&amp;Publicar una actualización del equipo…</translation>
    </message>
    <message>
        <source>Import a team &amp;update…</source>
        <translation>Importar una actuali&amp;zación del equipo…</translation>
    </message>
    <message>
        <source>Re&amp;voke a researcher&apos;s key…</source>
        <translation>Re&amp;vocar la clave de un investigador…</translation>
    </message>
    <message>
        <source>Add a &amp;backup recipient…</source>
        <translation>Añadir un destinatario de &amp;respaldo…</translation>
    </message>
    <message>
        <source>Retention: what is &amp;deleted and when…</source>
        <translation>Conservación: qué se borra y cuán&amp;do…</translation>
    </message>
    <message>
        <source>No researcher is on the roster yet.</source>
        <translation>Aún no hay ningún investigador en la lista del equipo.</translation>
    </message>
    <message>
        <source>Researcher:</source>
        <translation>Investigador:</translation>
    </message>
    <message>
        <source>Write a receipt</source>
        <translation>Escribir un acuse de recibo</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Acuses de recibo</translation>
    </message>
    <message>
        <source>Publish a team update</source>
        <translation>Publicar una actualización del equipo</translation>
    </message>
    <message>
        <source>Team updates</source>
        <translation>Actualizaciones del equipo</translation>
    </message>
    <message>
        <source>Revoke a researcher&apos;s key</source>
        <translation>Revocar la clave de un investigador</translation>
    </message>
    <message>
        <source>Revoke the key of {0}?

Fingerprint: {1}

Bundles it signs after the last one imported are refused from now on. Do this when a laptop is lost or seized, then publish a team update.</source>
        <translation>¿Revocar la clave de {0}?

Huella: {1}

Desde ahora se rechazan los paquetes que firme después del último importado. Hágalo cuando se pierda o se incaute un portátil y luego publique una actualización del equipo.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Revocar</translation>
    </message>
    <message>
        <source>Revoked. Its bundles up to number {0} stay accepted.</source>
        <translation>Revocada. Sus paquetes hasta el número {0} siguen aceptándose.</translation>
    </message>
    <message>
        <source>Add a backup recipient</source>
        <translation>Añadir un destinatario de respaldo</translation>
    </message>
    <message>
        <source>Key files</source>
        <translation>Archivos de clave</translation>
    </message>
    <message>
        <source>Add {0} as a backup recipient? Every new bundle can then be opened with this key too.

Compare the fingerprint, group by group, with the one its keeper reads to you:
{1}</source>
        <translation>¿Añadir a {0} como destinatario de respaldo? Cada paquete nuevo podrá abrirse también con esta clave.

Compare la huella, grupo por grupo, con la que le lee quien la guarda:
{1}</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Added. Publish a team update so the researchers use it.</source>
        <translation>Añadido. Publique una actualización del equipo para que los investigadores lo usen.</translation>
    </message>
    <message>
        <source>Retention policy</source>
        <translation>Política de conservación</translation>
    </message>
    <message>
        <source>Keep received interviews</source>
        <translation>Conservar las entrevistas recibidas</translation>
    </message>
    <message>
        <source>Delete identifiers and attachments after receipt</source>
        <translation>Borrar identificadores y adjuntos tras el acuse de recibo</translation>
    </message>
    <message>
        <source>Delete the whole interview after receipt</source>
        <translation>Borrar la entrevista entera tras el acuse de recibo</translation>
    </message>
    <message>
        <source>On researchers&apos; laptops:</source>
        <translation>En los portátiles de los investigadores:</translation>
    </message>
    <message>
        <source>Days after the receipt:</source>
        <translation>Días después del acuse de recibo:</translation>
    </message>
    <message>
        <source>Policy set. Publish a team update so it reaches the researchers.</source>
        <translation>Política fijada. Publique una actualización del equipo para que llegue a los investigadores.</translation>
    </message>
    <message>
        <source>Import a receipt</source>
        <translation>Importar un acuse de recibo</translation>
    </message>
    <message>
        <source>Import a team update</source>
        <translation>Importar una actualización del equipo</translation>
    </message>
    <message>
        <source>The smallest group size for exports (k) is now the team lead&apos;s {0}, or your own if you set it higher.</source>
        <translation>El tamaño mínimo de grupo al exportar (k) es ahora el de la coordinación del equipo, {0}, o el suyo si lo fijó más alto.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Conservación</translation>
    </message>
    <message>
        <source>Team › Retention shows each interview and its day.</source>
        <translation>Equipo › Conservación muestra cada entrevista y su día.</translation>
    </message>
    <message>
        <source>the whole interview</source>
        <translation>la entrevista entera</translation>
    </message>
    <message>
        <source>identifiers and attachments</source>
        <translation>los identificadores y los adjuntos</translation>
    </message>
    <message>
        <source>Purge received interviews</source>
        <translation>Borrar las entrevistas recibidas</translation>
    </message>
    <message>
        <source>The lead has not confirmed any interview that is still on this laptop.</source>
        <translation>La coordinación no ha confirmado ninguna entrevista que siga en este portátil.</translation>
    </message>
    <message>
        <source>The team&apos;s policy deletes {0} from {1} on.</source>
        <translation>La política del equipo borra {0} a partir del {1}.</translation>
    </message>
    <message>
        <source>&amp;Write a receipt…</source>
        <translation>E&amp;scribir un acuse de recibo…</translation>
    </message>
    <message>
        <source>Import a receip&amp;t…</source>
        <translation>Importar un acuse de reci&amp;bo…</translation>
    </message>
    <message>
        <source>Retention polic&amp;y…</source>
        <translation>P&amp;olítica de conservación…</translation>
    </message>
    <message>
        <source>Pur&amp;ge received interviews…</source>
        <translation>Borrar las e&amp;ntrevistas recibidas…</translation>
    </message>
    <message numerus="yes">
        <source>Receipt {0} written: %n interview(s) received from {1}. Give the file to the researcher.</source>
        <translation>
            <numerusform>Acuse de recibo {0} escrito: %n entrevista recibida de {1}. Entregue el archivo al investigador.</numerusform>
            <numerusform>Acuse de recibo {0} escrito: %n entrevistas recibidas de {1}. Entregue el archivo al investigador.</numerusform>
        </translation>
    </message>
    <message>
        <source>Team update {0} written: {1}, {2}, {3}, {4}.</source>
        <translation>Actualización del equipo {0} escrita: {1}, {2}, {3}, {4}.</translation>
    </message>
    <message numerus="yes">
        <source>%n questionnaire version(s)</source>
        <translation>
            <numerusform>%n versión de cuestionario</numerusform>
            <numerusform>%n versiones de cuestionario</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n researcher(s)</source>
        <translation>
            <numerusform>%n investigador</numerusform>
            <numerusform>%n investigadores</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n revoked key(s)</source>
        <translation>
            <numerusform>%n clave revocada</numerusform>
            <numerusform>%n claves revocadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n backup recipient(s)</source>
        <translation>
            <numerusform>%n destinatario de respaldo</numerusform>
            <numerusform>%n destinatarios de respaldo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Receipt {0}: the lead received %n more interview(s) on {1}.</source>
        <translation>
            <numerusform>Acuse de recibo {0}: la coordinación recibió %n entrevista más el {1}.</numerusform>
            <numerusform>Acuse de recibo {0}: la coordinación recibió %n entrevistas más el {1}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Team update {0} imported: {1}, {2}, {3}. Interviews already started keep their questionnaire version.</source>
        <translation>Actualización del equipo {0} importada: {1}, {2}, {3}. Las entrevistas ya empezadas conservan su versión del cuestionario.</translation>
    </message>
    <message numerus="yes">
        <source>%n new questionnaire version(s)</source>
        <translation>
            <numerusform>%n versión nueva de cuestionario</numerusform>
            <numerusform>%n versiones nuevas de cuestionario</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The team&apos;s policy deletes, for %n interview(s) the lead has received, {0}. Their day has come. Delete now?</source>
        <translation>
            <numerusform>La política del equipo borra, en %n entrevista que la coordinación ha recibido, {0}. Ha llegado el día. ¿Borrar ahora?</numerusform>
            <numerusform>La política del equipo borra, en %n entrevistas que la coordinación ha recibido, {0}. Ha llegado el día. ¿Borrar ahora?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s) on this laptop were received by the lead.</source>
        <translation>
            <numerusform>La coordinación recibió %n entrevista de este portátil.</numerusform>
            <numerusform>La coordinación recibió %n entrevistas de este portátil.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete them all from this laptop now? This cannot be undone.</source>
        <translation>¿Borrarlas todas de este portátil ahora? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Delete now</source>
        <translation>Borrar ahora</translation>
    </message>
</context>
<context>
    <name>AttachmentInput</name>
    <message>
        <source>Add photo or PDF…</source>
        <extracomment>Larger files are refused: a phone photo is a few MB, a scan a few more.</extracomment>
        <translation>Añadir foto o PDF…</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ver</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Add a photo or PDF</source>
        <translation>Añadir una foto o un PDF</translation>
    </message>
    <message>
        <source>The file is larger than 25 MB; choose a smaller photo or scan.</source>
        <translation>El archivo pesa más de 25 MB; elija una foto o un escaneo más pequeño.</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>No se pudo leer el archivo.</translation>
    </message>
    <message>
        <source>Photos and PDF (*.jpg *.jpeg *.png *.gif *.bmp *.pdf)</source>
        <translation>Fotos y PDF (*.jpg *.jpeg *.png *.gif *.bmp *.pdf)</translation>
    </message>
    <message>
        <source>Only photos (JPEG, PNG, GIF, BMP) and PDF files can be added.</source>
        <translation>Solo se pueden añadir fotos (JPEG, PNG, GIF, BMP) y archivos PDF.</translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation>Quitar adjunto</translation>
    </message>
    <message>
        <source>Remove this attachment from the interview? This cannot be undone.</source>
        <translation>¿Quitar este adjunto de la entrevista? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>Reemplazar…</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Attached</source>
        <translation>Adjuntado</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Adjunto</translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <source>Attachment</source>
        <translation>Adjunto</translation>
    </message>
    <message>
        <source>&amp;Previous page</source>
        <translation>Página &amp;anterior</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>Página &amp;siguiente</translation>
    </message>
    <message>
        <source>This PDF cannot be shown: it is damaged or protected by a password. It stays in the vault as it is.</source>
        <translation>Este PDF no se puede mostrar: está dañado o protegido con contraseña. Queda en la bóveda tal como está.</translation>
    </message>
    <message>
        <source>This page cannot be shown.</source>
        <translation>Esta página no se puede mostrar.</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
    <message>
        <source>This photo cannot be shown: the file is damaged.</source>
        <translation>Esta foto no se puede mostrar: el archivo está dañado.</translation>
    </message>
</context>
<context>
    <name>AttachmentsModel</name>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Adjunto</translation>
    </message>
    <message>
        <source>Interview</source>
        <translation>Entrevista</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
</context>
<context>
    <name>BundlesModel</name>
    <message>
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>Entrevistas</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>Ya importado</translation>
    </message>
</context>
<context>
    <name>CapsLockWatch</name>
    <message>
        <source>Caps Lock is on.</source>
        <translation>Las mayúsculas están activadas (Bloq Mayús).</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change the passphrase</source>
        <translation>Cambiar la frase de contraseña</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Frase de contraseña actual</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nueva frase de contraseña</translation>
    </message>
    <message>
        <source>New passphrase, repeated</source>
        <translation>Nueva frase de contraseña, repetida</translation>
    </message>
    <message>
        <source>&amp;Current passphrase:</source>
        <translation>Frase &amp;actual:</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Nueva frase de contraseña:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Repítala:</translation>
    </message>
    <message>
        <source>C&amp;hange</source>
        <translation>&amp;Cambiar</translation>
    </message>
    <message>
        <source>Choose a stronger new passphrase (at least {n} characters, several words).</source>
        <translation>Elija una frase nueva más sólida (al menos {n} caracteres, varias palabras).</translation>
    </message>
    <message>
        <source>The two new passphrases are not the same.</source>
        <translation>Las dos frases nuevas no son iguales.</translation>
    </message>
    <message>
        <source>Changing the passphrase…</source>
        <translation>Cambiando la frase de contraseña…</translation>
    </message>
    <message>
        <source>The current passphrase is not right. Nothing changed.</source>
        <translation>La frase actual no es correcta. No cambió nada.</translation>
    </message>
</context>
<context>
    <name>CompletionDialog</name>
    <message>
        <source>Not ready to complete</source>
        <translation>Todavía no se puede completar</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) must be fixed before the interview can be completed. Pick one to go to its question.</source>
        <translation>
            <numerusform>Hay que corregir %n problema antes de completar la entrevista. Elíjalo para ir a su pregunta.</numerusform>
            <numerusform>Hay que corregir %n problemas antes de completar la entrevista. Elija uno para ir a su pregunta.</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>&amp;Go to question</source>
        <translation>&amp;Ir a la pregunta</translation>
    </message>
</context>
<context>
    <name>CompletionSteps</name>
    <message>
        <source>Complete</source>
        <translation>Completar</translation>
    </message>
    <message>
        <source>Every answer is in order. Mark the interview complete? It becomes read-only until reopened.</source>
        <translation>Todas las respuestas están en orden. ¿Marcar la entrevista como completa? Quedará de solo lectura hasta que se reabra.</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Imported from %1&apos;s bundle: a pseudonymised copy, shown as it arrived (ages as bands, dates as months; identifiers never leave a researcher&apos;s laptop). It cannot be changed here.</source>
        <translation>Importada del paquete de %1: una copia seudonimizada, mostrada tal como llegó (edades en franjas, fechas en meses; los identificadores nunca salen del portátil de quien investiga). Aquí no se puede cambiar.</translation>
    </message>
    <message>
        <source>This interview is complete and read-only. Use “Reopen…” to change it; the reason is logged.</source>
        <translation>Esta entrevista está completa y es de solo lectura. Use «Reabrir…» para cambiarla; el motivo queda registrado.</translation>
    </message>
    <message>
        <source>Received by the lead on %1.</source>
        <translation>Recibida por la coordinación el %1.</translation>
    </message>
</context>
<context>
    <name>DataTableModel</name>
    <message>
        <source>Not in the bundle. This answer leaves generalised and is blanked when too few interviews share it (the k-anonymity check), so it was either suppressed or never answered.</source>
        <translation>No está en el paquete. Esta respuesta sale generalizada y se borra cuando muy pocas entrevistas la comparten (la comprobación de k-anonimato), así que se suprimió o nunca se respondió.</translation>
    </message>
    <message>
        <source>Not in the bundle. Free text leaves only when the researcher released it for export, so it was either withheld or never answered.</source>
        <translation>No está en el paquete. El texto libre solo sale cuando el investigador lo liberó para exportar, así que se retuvo o nunca se respondió.</translation>
    </message>
    <message>
        <source>Never sent: this value is worked out from an identifier, or points at a person (a location, a device), so it stays on the researcher&apos;s laptop.</source>
        <translation>Nunca enviado: este valor se calcula a partir de un identificador o señala a una persona (una ubicación, un dispositivo), así que se queda en el portátil del investigador.</translation>
    </message>
    <message>
        <source>Generalised before it left the researcher&apos;s laptop: a number as a band (for example 30–39), a date as its month.</source>
        <translation>Generalizada antes de salir del portátil del investigador: un número como un tramo (por ejemplo 30–39), una fecha como su mes.</translation>
    </message>
    <message>
        <source>Withheld by the k-anonymity check: too few interviews shared this person&apos;s quasi-identifiers (age band, gender, dates…), so the researcher&apos;s export blanked them. Whether this one was answered is not said.</source>
        <translation>Retenido por el control de k-anonimato: muy pocas entrevistas compartían los cuasi-identificadores de esta persona (tramo de edad, género, fechas…), así que la exportación del investigador los dejó en blanco. No se dice si este se respondió.</translation>
    </message>
    <message>
        <source>Withheld: free text the researcher did not release for export. It was answered.</source>
        <translation>Retenido: texto libre que el investigador no liberó para exportar. Sí se respondió.</translation>
    </message>
    <message>
        <source>Withheld: the researcher&apos;s program kept this text back because it looked like an identifier (a phone or document number, an e-mail address, a birth date or a name).</source>
        <translation>Retenido: el programa del investigador no envió este texto porque parecía un identificador (un número de teléfono o de documento, un correo electrónico, una fecha de nacimiento o un nombre).</translation>
    </message>
    <message>
        <source>Withheld: the picture was not chosen for export, or could not be cleaned of hidden data.</source>
        <translation>Retenido: la imagen no se eligió para exportar o no se pudo limpiar de datos ocultos.</translation>
    </message>
    <message>
        <source>Generalised one step further than the questionnaire says (a band twice as wide, a year instead of a month), so that enough interviews share it.</source>
        <translation>Generalizado un paso más de lo que dice el cuestionario (un tramo el doble de ancho, un año en lugar de un mes), para que lo compartan suficientes entrevistas.</translation>
    </message>
    <message>
        <source>withheld</source>
        <translation>retenido</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>no enviado</translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>Questionnaire</source>
        <translation>Cuestionario</translation>
    </message>
    <message>
        <source>Researcher</source>
        <translation>Investigador</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Taken from</source>
        <translation>Tomada desde</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>cualquier día</translation>
    </message>
    <message>
        <source>Taken until</source>
        <translation>Tomada hasta</translation>
    </message>
    <message>
        <source>Question to filter by</source>
        <translation>Pregunta por la que filtrar</translation>
    </message>
    <message>
        <source>Answer to filter by</source>
        <translation>Respuesta por la que filtrar</translation>
    </message>
    <message>
        <source>Search the alias…</source>
        <translation>Buscar en el alias…</translation>
    </message>
    <message>
        <source>Search the alias</source>
        <translation>Buscar en el alias</translation>
    </message>
    <message>
        <source>&amp;Columns…</source>
        <translation>C&amp;olumnas…</translation>
    </message>
    <message>
        <source>Answers, one row per interview</source>
        <translation>Respuestas, una fila por entrevista</translation>
    </message>
    <message>
        <source>Repeat to show</source>
        <translation>Grupo repetido que mostrar</translation>
    </message>
    <message>
        <source>Rows of the repeat for the selected interview</source>
        <translation>Filas del grupo repetido de la entrevista seleccionada</translation>
    </message>
    <message>
        <source>Re&amp;peat:</source>
        <translation>&amp;Grupo repetido:</translation>
    </message>
    <message>
        <source>&amp;Researcher:</source>
        <translation>&amp;Investigador:</translation>
    </message>
    <message>
        <source>Sit&amp;e:</source>
        <translation>&amp;Lugar:</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation>&amp;Cuestionario:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>&amp;Where:</source>
        <translation>Do&amp;nde:</translation>
    </message>
    <message>
        <source>i&amp;s:</source>
        <translation>e&amp;s:</translation>
    </message>
    <message>
        <source>Every researcher</source>
        <translation>Todos los investigadores</translation>
    </message>
    <message>
        <source>Taken in this vault</source>
        <translation>Tomadas en esta bóveda</translation>
    </message>
    <message>
        <source>Every site</source>
        <translation>Todos los lugares</translation>
    </message>
    <message>
        <source>any question</source>
        <translation>cualquier pregunta</translation>
    </message>
    <message>
        <source>any answer</source>
        <translation>cualquier respuesta</translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s)</source>
        <translation>
            <numerusform>%n entrevista</numerusform>
            <numerusform>%n entrevistas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DateInput</name>
    <message>
        <source>Not saved: enter a date as %1.</source>
        <translation>No guardado: escriba la fecha como %1.</translation>
    </message>
</context>
<context>
    <name>DateTimeInput</name>
    <message>
        <source>HH:MM</source>
        <translation>HH:MM</translation>
    </message>
    <message>
        <source>date</source>
        <translation>fecha</translation>
    </message>
    <message>
        <source>Not saved: enter a date as %1 and a time as HH:MM.</source>
        <translation>No guardado: escriba la fecha como %1 y la hora como HH:MM.</translation>
    </message>
    <message>
        <source>time</source>
        <translation>hora</translation>
    </message>
</context>
<context>
    <name>DistributionChart</name>
    <message>
        <source>Not shown: %1.</source>
        <translation>No se muestran: %1.</translation>
    </message>
    <message>
        <source>%1: %2 people, median %3, from %4 to %5</source>
        <translation>%1: %2 personas, mediana %3, de %4 a %5</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export for the team lead</source>
        <translation>Exportar para la coordinación</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>Qué exportar</translation>
    </message>
    <message>
        <source>Free text</source>
        <translation>Texto libre</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Adjuntos</translation>
    </message>
    <message>
        <source>Privacy check</source>
        <translation>Control de privacidad</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
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
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was written.</source>
        <translation>Cancelado. No se escribió nada.</translation>
    </message>
    <message>
        <source>Preparing the interviews…</source>
        <translation>Preparando las entrevistas…</translation>
    </message>
    <message>
        <source>There is nothing new to export: no completed interview is new or changed since the last bundle.</source>
        <translation>No hay nada nuevo que exportar: ninguna entrevista completada es nueva ni cambió desde el último paquete.</translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s) to export.</source>
        <translation>
            <numerusform>%n entrevista por exportar.</numerusform>
            <numerusform>%n entrevistas por exportar.</numerusform>
        </translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation>nada registrado</translation>
    </message>
    <message>
        <source>Leaves</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation>Retenida</translation>
    </message>
    <message>
        <source>Identifiers of this interview:</source>
        <translation>Identificadores de esta entrevista:</translation>
    </message>
    <message>
        <source>This text looks like it holds something that identifies a person (%1). It stays in the vault unless you edit it, or keep it here to release this exact text.</source>
        <translation>Este texto parece contener algo que identifica a una persona (%1). Se queda en la bóveda salvo que lo edite, o que lo mantenga aquí para liberar exactamente este texto.</translation>
    </message>
    <message>
        <source>Checking the groups of people in this bundle…</source>
        <translation>Comprobando los grupos de personas de este paquete…</translation>
    </message>
    <message>
        <source>Some people in this bundle share their generalised details (such as age band, gender and month) with fewer than %1 interviews in everything exported so far. A reader could single them out. Choose what to do:</source>
        <translation>Algunas personas de este paquete comparten sus datos generalizados (como tramo de edad, género y mes) con menos de %1 entrevistas en todo lo exportado hasta ahora. Un lector podría identificarlas. Elija qué hacer:</translation>
    </message>
    <message>
        <source>Every group of people with the same generalised details has at least %1 interviews. Nobody can be singled out by them.</source>
        <translation>Cada grupo de personas con los mismos datos generalizados tiene al menos %1 entrevistas. Nadie puede ser identificado por ellos.</translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s)</source>
        <translation>
            <numerusform>%n entrevista</numerusform>
            <numerusform>%n entrevistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n valor</numerusform>
            <numerusform>%n valores</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n adjunto</numerusform>
            <numerusform>%n adjuntos</numerusform>
        </translation>
    </message>
    <message>
        <source>Exactly this will leave: {0}, {1}, {2}. Everything else stays in the vault.</source>
        <translation>Saldrá exactamente esto: {0}, {1}, {2}. Todo lo demás se queda en la bóveda.</translation>
    </message>
    <message>
        <source>Take care: the questionnaire lets some dates be worked out again:</source>
        <translation>Atención: el cuestionario permite volver a calcular algunas fechas:</translation>
    </message>
    <message>
        <source>These attachments cannot be cleaned of hidden data and stay in the vault; the rest leaves without them if you export:</source>
        <translation>Estos adjuntos no se pueden limpiar de datos ocultos y se quedan en la bóveda; el resto sale sin ellos si exporta:</translation>
    </message>
    <message>
        <source>Save the bundle</source>
        <translation>Guardar el paquete</translation>
    </message>
    <message>
        <source>Testimonio bundles</source>
        <translation>Paquetes de Testimonio</translation>
    </message>
    <message>
        <source>Choose another file name: a file of that name exists already, or its folder does not exist.</source>
        <translation>Elija otro nombre de archivo: ya existe un archivo con ese nombre o su carpeta no existe.</translation>
    </message>
    <message>
        <source>Writing the bundle…</source>
        <translation>Escribiendo el paquete…</translation>
    </message>
    <message>
        <source>The bundle is saved as %1. Give it to the team lead: only they can open it.</source>
        <translation>El paquete se guardó como %1. Entréguelo a la coordinación: solo ella puede abrirlo.</translation>
    </message>
    <message>
        <source>every field blank</source>
        <translation>todos los campos vacíos</translation>
    </message>
    <message>
        <source>(the rest blank)</source>
        <translation>(lo demás vacío)</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Iniciada</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>%1 (cleaned: %2 KB, SHA-256 %3)</source>
        <translation>%1 (limpio: %2 KB, SHA-256 %3)</translation>
    </message>
</context>
<context>
    <name>ExportPages</name>
    <message>
        <source>A bundle holds your completed interviews, pseudonymised and encrypted so that only the team lead can open it. Names, document numbers and other identifiers never leave this laptop. Free text leaves only if you let it, answer by answer.</source>
        <translation>Un paquete contiene sus entrevistas completadas, seudonimizadas y cifradas para que solo la coordinación pueda abrirlo. Los nombres, números de documento y otros identificadores nunca salen de este portátil. El texto libre sale solo si usted lo permite, respuesta por respuesta.</translation>
    </message>
    <message>
        <source>Export &amp;every completed interview again, not only the new or changed ones</source>
        <translation>Exportar de nuevo &amp;todas las entrevistas completadas, no solo las nuevas o modificadas</translation>
    </message>
    <message>
        <source>Export every completed interview</source>
        <translation>Exportar todas las entrevistas completadas</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Preparando</translation>
    </message>
    <message>
        <source>These answers are free text. They leave only if you let them. Read each one: anything marked in yellow is an identifier of that interview (a name, a document number) and must not leave. Withhold an answer when in doubt.</source>
        <translation>Estas respuestas son texto libre. Salen solo si usted lo permite. Lea cada una: lo marcado en amarillo identifica a esa entrevista (un nombre, un número de documento) y no debe salir. Ante la duda, retenga la respuesta.</translation>
    </message>
    <message>
        <source>Answers to review</source>
        <translation>Respuestas por revisar</translation>
    </message>
    <message>
        <source>Answer under review</source>
        <translation>Respuesta en revisión</translation>
    </message>
    <message>
        <source>&amp;Let it leave</source>
        <translation>&amp;Dejar salir</translation>
    </message>
    <message>
        <source>&amp;Withhold</source>
        <translation>&amp;Retener</translation>
    </message>
    <message>
        <source>Let &amp;all unmarked answers leave</source>
        <translation>Dejar salir &amp;todas las respuestas sin marcar</translation>
    </message>
    <message>
        <source>Every answer without a yellow mark leaves; withhold any one afterwards.</source>
        <translation>Sale toda respuesta sin marca amarilla; después puede retener cualquiera.</translation>
    </message>
    <message>
        <source>Attachments leave only when ticked. Photos leave without their hidden details (camera, date, GPS position).</source>
        <translation>Los adjuntos salen solo si están marcados. Las fotos salen sin sus datos ocultos (cámara, fecha, posición GPS).</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Adjuntos</translation>
    </message>
    <message>
        <source>Small groups</source>
        <translation>Grupos pequeños</translation>
    </message>
    <message>
        <source>&amp;Blank those fields in this bundle (recommended)</source>
        <translation>&amp;Vaciar esos campos en este paquete (recomendado)</translation>
    </message>
    <message>
        <source>Export &amp;anyway</source>
        <translation>Exportar &amp;de todos modos</translation>
    </message>
    <message>
        <source>&amp;Cancel the export</source>
        <translation>&amp;Cancelar la exportación</translation>
    </message>
    <message>
        <source>Checking the groups</source>
        <translation>Comprobando los grupos</translation>
    </message>
    <message>
        <source>Filter the preview</source>
        <translation>Filtrar la vista previa</translation>
    </message>
    <message>
        <source>Everything that will leave</source>
        <translation>Todo lo que saldrá</translation>
    </message>
    <message>
        <source>Save the bundle as</source>
        <translation>Guardar el paquete como</translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation>&amp;Guardar como:</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Avance de la exportación</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>FingerprintCheck</name>
    <message>
        <source>Compare these words (or the groups of letters and digits under them), one by one, with the ones %1 reads out to you in person or on the phone. If a single word or character differs, stop: the file is not theirs.</source>
        <translation>Compare estas palabras (o los grupos de letras y cifras debajo), una por una, con las que %1 le lee en persona o por teléfono. Si una sola palabra o carácter es distinto, deténgase: el archivo no es suyo.</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Huella</translation>
    </message>
    <message>
        <source>The fingerprints are the &amp;same</source>
        <translation>Las huellas son &amp;iguales</translation>
    </message>
    <message>
        <source>The fingerprints are the same</source>
        <translation>Las huellas son iguales</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Siguiente &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Atrás</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Leave the set-up now? The vault is not kept until the recovery key has been written down; you can start again.</source>
        <translation>¿Salir ahora de la configuración? La bóveda no se guarda hasta que la clave de recuperación esté anotada; puede empezar de nuevo.</translation>
    </message>
    <message>
        <source>The vault is already created. Leave the set-up now? You can set your name and sites later in Settings.</source>
        <translation>La bóveda ya está creada. ¿Salir de la configuración ahora? Puede indicar su nombre y los lugares más tarde en Ajustes.</translation>
    </message>
</context>
<context>
    <name>FormSession</name>
    <message>
        <source>(attached)</source>
        <extracomment>Who sent it, for an interview imported from a bundle (a pseudonymised copy: generalised values, never reopened here); None if taken here. For an imported copy, what its export withheld (answer path -&gt; the bundle&apos;s reason); None when taken here or its bundle did not say. The answers as read from (or last known in) the vault.</extracomment>
        <translation>(adjunto)</translation>
    </message>
</context>
<context>
    <name>GeopointInput</name>
    <message>
        <source>latitude</source>
        <translation>latitud</translation>
    </message>
    <message>
        <source>longitude</source>
        <translation>longitud</translation>
    </message>
    <message>
        <source>altitude (m)</source>
        <translation>altitud (m)</translation>
    </message>
    <message>
        <source>accuracy (m)</source>
        <translation>precisión (m)</translation>
    </message>
    <message>
        <source>Not saved: enter a latitude (-90 to 90) and a longitude (-180 to 180).</source>
        <translation>Sin guardar: escriba una latitud (de -90 a 90) y una longitud (de -180 a 180).</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import bundles</source>
        <translation>Importar paquetes</translation>
    </message>
    <message>
        <source>Choose the bundle files the researchers gave you. Each one is checked (who signed it, that it is addressed to you, that nothing in it was changed) before anything is read, and is imported whole or not at all. You can also drop the files here.</source>
        <translation>Elija los archivos de paquete que le entregaron los investigadores. Cada uno se verifica (quién lo firmó, que vaya dirigido a usted, que nada haya cambiado) antes de leer nada, y se importa entero o nada. También puede soltar los archivos aquí.</translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation>Archivo de paquete</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Bundle files and results</source>
        <translation>Archivos de paquete y resultados</translation>
    </message>
    <message>
        <source>&amp;Add bundles…</source>
        <translation>&amp;Añadir paquetes…</translation>
    </message>
    <message>
        <source>Import a &amp;folder…</source>
        <translation>Importar una carpe&amp;ta…</translation>
    </message>
    <message>
        <source>Import every bundle in a folder that was not imported yet, for example a folder kept in sync with the researchers or a USB stick.</source>
        <translation>Importa cada paquete de una carpeta que aún no se haya importado, por ejemplo una carpeta sincronizada con los investigadores o una memoria USB.</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Avance de la importación</translation>
    </message>
    <message>
        <source>Missing bundles</source>
        <translation>Paquetes que faltan</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en espera</translation>
    </message>
    <message>
        <source>Choose bundles</source>
        <translation>Elegir paquetes</translation>
    </message>
    <message>
        <source>Testimonio bundles</source>
        <translation>Paquetes de Testimonio</translation>
    </message>
    <message>
        <source>Choose the folder with the bundles</source>
        <translation>Elija la carpeta con los paquetes</translation>
    </message>
    <message>
        <source>Importing the new bundles of %1…</source>
        <translation>Importando los paquetes nuevos de %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>importing…</source>
        <translation>importando…</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>Importado: %1</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Omitido: %1</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Rechazado: %1</translation>
    </message>
    <message>
        <source>not imported (cancelled)</source>
        <translation>no importado (cancelado)</translation>
    </message>
    <message>
        <source>{0}, {1}, {2}; {3}.</source>
        <translation>{0}, {1}, {2}; {3}.</translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) imported</source>
        <translation>
            <numerusform>%n paquete importado</numerusform>
            <numerusform>%n paquetes importados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n rechazado</numerusform>
            <numerusform>%n rechazados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped</source>
        <translation>
            <numerusform>%n archivo omitido</numerusform>
            <numerusform>%n archivos omitidos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) of this folder imported before</source>
        <translation>
            <numerusform>%n paquete de esta carpeta ya se había importado</numerusform>
            <numerusform>%n paquetes de esta carpeta ya se habían importado</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 file(s) refused; they changed nothing.</source>
        <translation>
            <numerusform>%n de %1 archivos fue rechazado y no cambió nada.</numerusform>
            <numerusform>%n de %1 archivos fueron rechazados y no cambiaron nada.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled. The files already imported stay imported; the others were not touched.</source>
        <translation>Cancelado. Los archivos ya importados siguen importados; los demás no se tocaron.</translation>
    </message>
    <message>
        <source>Every file was imported.</source>
        <translation>Se importaron todos los archivos.</translation>
    </message>
    <message>
        <source>No bundle is missing from any researcher.</source>
        <translation>No falta ningún paquete de ningún investigador.</translation>
    </message>
    <message>
        <source>Missing bundles — ask these researchers for them:</source>
        <translation>Faltan paquetes; pídalos a estos investigadores:</translation>
    </message>
    <message>
        <source>the file cannot be read.</source>
        <translation>no se puede leer el archivo.</translation>
    </message>
    <message>
        <source>a team file, not a bundle.</source>
        <translation>un archivo de equipo, no un paquete.</translation>
    </message>
    <message>
        <source>a researcher&apos;s key file, not a bundle.</source>
        <translation>un archivo de clave de un investigador, no un paquete.</translation>
    </message>
    <message>
        <source>a receipt, not a bundle.</source>
        <translation>un acuse de recibo, no un paquete.</translation>
    </message>
    <message>
        <source>a team update, not a bundle.</source>
        <translation>una actualización del equipo, no un paquete.</translation>
    </message>
    <message>
        <source>too short to be a bundle: it may still be copying.</source>
        <translation>demasiado corto para ser un paquete: puede que aún se esté copiando.</translation>
    </message>
    <message>
        <source>not a Testimonio bundle.</source>
        <translation>no es un paquete de Testimonio.</translation>
    </message>
</context>
<context>
    <name>InterviewLeave</name>
    <message>
        <source>“%1”: %2

Leave it out and go on?</source>
        <translation>«%1»: %2

¿Dejarlo fuera y seguir?</translation>
    </message>
    <message>
        <source>(and %1 more on this page)</source>
        <translation>(y %1 más en esta página)</translation>
    </message>
</context>
<context>
    <name>InterviewListView</name>
    <message>
        <source>Alias or the start of the interview id</source>
        <translation>Alias o el comienzo del id de la entrevista</translation>
    </message>
    <message>
        <source>Search interviews</source>
        <translation>Buscar entrevistas</translation>
    </message>
    <message>
        <source>Filter by site</source>
        <translation>Filtrar por lugar</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filtrar por estado</translation>
    </message>
    <message>
        <source>Filter by questionnaire</source>
        <translation>Filtrar por cuestionario</translation>
    </message>
    <message>
        <source>Filter by researcher</source>
        <translation>Filtrar por investigador</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>Sit&amp;e:</source>
        <translation>&amp;Lugar:</translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation>E&amp;stado:</translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation>&amp;Cuestionario:</translation>
    </message>
    <message>
        <source>&amp;Researcher:</source>
        <translation>&amp;Investigador:</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>Entrevistas</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>Todos los lugares</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Completa</translation>
    </message>
    <message>
        <source>All questionnaires</source>
        <translation>Todos los cuestionarios</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>No interview matches the search or filters.</source>
        <translation>Ninguna entrevista coincide con la búsqueda o los filtros.</translation>
    </message>
    <message>
        <source>No interviews yet.
Import your researchers&apos; bundles with Team → Import bundles (Ctrl+I).</source>
        <translation>Todavía no hay entrevistas.
Importe los paquetes de su equipo con Equipo → Importar paquetes (Ctrl+I).</translation>
    </message>
    <message>
        <source>No interviews yet.
Start one with Interview → New (Ctrl+N).</source>
        <translation>Todavía no hay entrevistas.
Empiece una con Entrevista → Nueva (Ctrl+N).</translation>
    </message>
    <message>
        <source>(no alias)</source>
        <translation>(sin alias)</translation>
    </message>
</context>
<context>
    <name>InterviewTableModel</name>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Cuestionario</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Último cambio</translation>
    </message>
    <message>
        <source>Researcher</source>
        <translation>Investigador</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Completa</translation>
    </message>
    <message>
        <source>{form} version {version}</source>
        <extracomment>interview ids -&gt; the day the lead received them (issue 12); set by the view.</extracomment>
        <translation>{form} versión {version}</translation>
    </message>
    <message>
        <source>Received by the lead on %1</source>
        <translation>Recibida por la coordinación el %1</translation>
    </message>
</context>
<context>
    <name>InterviewView</name>
    <message>
        <source>Questionnaire language</source>
        <extracomment>Pages the interviewer has left: their problems are shown (as ODK does). The question last asked for (by resuming, a lock, a link), if any.</extracomment>
        <translation>Idioma del cuestionario</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation>Completar…</translation>
    </message>
    <message>
        <source>Check every answer and mark the interview complete (Ctrl+Shift+Enter)</source>
        <translation>Revisar todas las respuestas y marcar la entrevista como completa (Ctrl+Mayús+Intro)</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Reabrir…</translation>
    </message>
    <message>
        <source>Allow changes again; the reason is logged</source>
        <translation>Permitir cambios de nuevo; el motivo queda registrado</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Save and return to the list (Ctrl+W)</source>
        <translation>Guardar y volver a la lista (Ctrl+W)</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>◀ Previous page</source>
        <translation>◀ Página anterior</translation>
    </message>
    <message>
        <source>Previous page (Ctrl+Page Up)</source>
        <translation>Página anterior (Ctrl+Re Pág)</translation>
    </message>
    <message>
        <source>Next page ▶</source>
        <translation>Página siguiente ▶</translation>
    </message>
    <message>
        <source>Next page (Ctrl+Page Down)</source>
        <translation>Página siguiente (Ctrl+Av Pág)</translation>
    </message>
    <message>
        <source>Review and complete ▶</source>
        <translation>Revisar y completar ▶</translation>
    </message>
    <message>
        <source>List every answer, then complete</source>
        <translation>Ver todas las respuestas y luego completar</translation>
    </message>
    <message>
        <source>This is the last page.</source>
        <translation>Esta es la última página.</translation>
    </message>
    <message>
        <source>That was the last question. Press Enter to review the answers and complete.</source>
        <translation>Esa era la última pregunta. Pulse Intro para revisar las respuestas y completar.</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Welcome to Testimonio</source>
        <translation>Bienvenida a Testimonio</translation>
    </message>
    <message>
        <source>Testimonio keeps your interviews in an encrypted vault on this computer. These few steps create the vault and set up the program.</source>
        <translation>Testimonio guarda sus entrevistas en una bóveda cifrada en esta computadora. Estos pocos pasos crean la bóveda y configuran el programa.</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>&amp;Idioma de la interfaz:</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Idioma de la interfaz</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Save state</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>&amp;New interview…</source>
        <translation>&amp;Nueva entrevista…</translation>
    </message>
    <message>
        <source>&amp;Open interview</source>
        <translation>&amp;Abrir entrevista</translation>
    </message>
    <message>
        <source>&amp;Delete draft…</source>
        <translation>&amp;Eliminar borrador…</translation>
    </message>
    <message>
        <source>&amp;Back to the list</source>
        <translation>&amp;Volver a la lista</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <source>Lock and &amp;hide</source>
        <translation>Bloquear y &amp;ocultar</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>A&amp;justes…</translation>
    </message>
    <message>
        <source>Change the &amp;passphrase…</source>
        <translation>Cambiar la &amp;frase de contraseña…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Export for the team lead…</source>
        <translation>&amp;Exportar para la coordinación…</translation>
    </message>
    <message>
        <source>&amp;Import bundles…</source>
        <translation>Importar pa&amp;quetes…</translation>
    </message>
    <message>
        <source>&amp;Interviews</source>
        <translation>&amp;Entrevistas</translation>
    </message>
    <message>
        <source>&amp;Researchers</source>
        <translation>&amp;Investigadores</translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation>&amp;Resumen</translation>
    </message>
    <message>
        <source>&amp;Answers</source>
        <translation>Res&amp;puestas</translation>
    </message>
    <message>
        <source>&amp;About Testimonio</source>
        <translation>&amp;Acerca de Testimonio</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Interview</source>
        <translation>&amp;Entrevista</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Acciones</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Sin guardar</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>Todos los cambios guardados</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Some answers could not be saved. Close the interview anyway? The unsaved answers will be lost.</source>
        <translation>Algunas respuestas no se pudieron guardar. ¿Cerrar la entrevista de todos modos? Se perderán las respuestas sin guardar.</translation>
    </message>
    <message>
        <source>The new interview had no answers and was not kept.</source>
        <translation>La nueva entrevista no tenía respuestas y no se guardó.</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Eliminar borrador</translation>
    </message>
    <message>
        <source>Delete the draft interview {interview} and all its answers? This cannot be undone.</source>
        <translation>¿Borrar el borrador de la entrevista {interview} con todas sus respuestas? No se puede deshacer.</translation>
    </message>
    <message>
        <source>The passphrase was changed.</source>
        <translation>Se cambió la frase de contraseña.</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
</context>
<context>
    <name>NewInterviewDialog</name>
    <message>
        <source>New interview</source>
        <translation>Nueva entrevista</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Cuestionario</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Questionnaire language</source>
        <translation>Idioma del cuestionario</translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation>&amp;Cuestionario:</translation>
    </message>
    <message>
        <source>&amp;Site:</source>
        <translation>&amp;Lugar:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>No questionnaire is installed yet. Add one with “testimonio forms add FILE.xlsx” or join a team.</source>
        <translation>Todavía no hay ningún cuestionario instalado. Añada uno con «testimonio forms add ARCHIVO.xlsx» o únase a un equipo.</translation>
    </message>
    <message>
        <source>Start interview</source>
        <translation>Empezar la entrevista</translation>
    </message>
    <message>
        <source>Choose or type the site.</source>
        <translation>Elija o escriba el lugar.</translation>
    </message>
</context>
<context>
    <name>PageListModel</name>
    <message numerus="yes">
        <source>⚠ %n problem(s)</source>
        <extracomment>Types that are never shown as a question on a page.</extracomment>
        <translation>
            <numerusform>⚠ %n problema</numerusform>
            <numerusform>⚠ %n problemas</numerusform>
        </translation>
    </message>
    <message>
        <source>Not asked in this interview</source>
        <translation>No se pregunta en esta entrevista</translation>
    </message>
    <message>
        <source>%1 of %2 answered</source>
        <translation>%1 de %2 respondidas</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>Elija una frase de contraseña</translation>
    </message>
    <message>
        <source>Create the &amp;vault</source>
        <translation>Crear la &amp;bóveda</translation>
    </message>
    <message>
        <source>The passphrase opens the vault. Several unusual words are easy to remember and hard to guess.</source>
        <translation>La frase de contraseña abre la bóveda. Varias palabras poco comunes son fáciles de recordar y difíciles de adivinar.</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Repítala:</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>Solidez:</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase, repeated</source>
        <translation>Frase de contraseña, repetida</translation>
    </message>
    <message>
        <source>If you lose both the passphrase and the recovery key, nobody can open the vault: the interviews are lost for good. There is no back door.</source>
        <translation>Si pierde a la vez la frase de contraseña y la clave de recuperación, nadie podrá abrir la bóveda: las entrevistas se pierden para siempre. No hay puerta trasera.</translation>
    </message>
    <message>
        <source>I &amp;understand that a lost passphrase and recovery key mean lost data</source>
        <translation>&amp;Entiendo que perder la frase y la clave de recuperación es perder los datos</translation>
    </message>
    <message>
        <source>Use at least {n} characters.</source>
        <translation>Use al menos {n} caracteres.</translation>
    </message>
    <message>
        <source>Too easy to guess: add words or characters.</source>
        <translation>Demasiado fácil de adivinar: añada palabras o caracteres.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>Las dos frases no son iguales.</translation>
    </message>
    <message>
        <source>Creating the encrypted vault…</source>
        <translation>Creando la bóveda cifrada…</translation>
    </message>
</context>
<context>
    <name>PasswordStrengthMeter</name>
    <message>
        <source>Very weak</source>
        <translation>Muy débil</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>Débil</translation>
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
        <source>Very strong</source>
        <translation>Muy fuerte</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Solidez de la frase de contraseña</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>Bloquear tras minutos sin uso</translation>
    </message>
    <message>
        <source>Lock the vault when nobody has used the program for this many minutes.</source>
        <translation>Bloquear la bóveda cuando nadie haya usado el programa durante estos minutos.</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Idioma de la interfaz</translation>
    </message>
    <message>
        <source>Interviewer name</source>
        <translation>Nombre de quien entrevista</translation>
    </message>
    <message>
        <source>Recorded with every interview you take.</source>
        <translation>Se registra con cada entrevista que usted hace.</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Lugares</translation>
    </message>
    <message>
        <source>Places where you take interviews, one a line.</source>
        <translation>Lugares donde hace entrevistas, uno por línea.</translation>
    </message>
    <message>
        <source>Default site</source>
        <translation>Lugar predeterminado</translation>
    </message>
    <message>
        <source>Smallest group size for export (k)</source>
        <translation>Tamaño mínimo de grupo al exportar (k)</translation>
    </message>
    <message>
        <source>An export refuses groups of fewer people than this.</source>
        <translation>Una exportación rechaza grupos con menos personas que esto.</translation>
    </message>
    <message>
        <source>Counts under k in summaries</source>
        <translation>Cifras menores que k en los resúmenes</translation>
    </message>
    <message>
        <source>Cells of fewer than k interviews show as &apos;fewer than k&apos;. Exact counts are for internal use only and are marked so.</source>
        <translation>Las celdas de menos de k entrevistas se muestran como «menos de k». Las cifras exactas son solo para uso interno y se marcan así.</translation>
    </message>
    <message>
        <source>Shown as &apos;fewer than k&apos;</source>
        <translation>Mostradas como «menos de k»</translation>
    </message>
    <message>
        <source>Exact (internal use only)</source>
        <translation>Exactas (solo uso interno)</translation>
    </message>
    <message>
        <source>Largest side of exported pictures (pixels)</source>
        <translation>Lado mayor de las fotos exportadas (píxeles)</translation>
    </message>
    <message>
        <source>Pictures leave re-drawn from their pixels, without hidden data, no larger than this.</source>
        <translation>Las fotos salen redibujadas a partir de sus píxeles, sin datos ocultos y no más grandes que esto.</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Interview</source>
        <extracomment>What the researcher reads instead of codes: the interview&apos;s alias (it never leaves), the questionnaire&apos;s title, the choice labels.</extracomment>
        <translation>Entrevista</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Cuestionario</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Value that leaves</source>
        <translation>Valor que sale</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Cómo</translation>
    </message>
    <message>
        <source>%1 (leaves as %2)</source>
        <translation>%1 (sale como %2)</translation>
    </message>
    <message>
        <source>%1 (in the bundle: %2)</source>
        <translation>%1 (en el paquete: %2)</translation>
    </message>
    <message>
        <source>stays: looks like %1</source>
        <translation>se queda: parece %1</translation>
    </message>
    <message>
        <source>as entered</source>
        <translation>tal como se escribió</translation>
    </message>
    <message>
        <source>as entered (quasi-identifier)</source>
        <translation>tal como se escribió (cuasi-identificador)</translation>
    </message>
    <message>
        <source>generalised</source>
        <translation>generalizado</translation>
    </message>
    <message>
        <source>generalised further</source>
        <translation>generalizado un paso más</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>revisado</translation>
    </message>
    <message>
        <source>attachment</source>
        <translation>adjunto</translation>
    </message>
    <message>
        <source>blanked</source>
        <translation>en blanco</translation>
    </message>
    <message>
        <source>date only</source>
        <translation>solo la fecha</translation>
    </message>
    <message>
        <source>month only</source>
        <translation>solo el mes</translation>
    </message>
    <message>
        <source>band</source>
        <translation>franja</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>Page</source>
        <extracomment>(page title, question label) of an answer path.</extracomment>
        <translation>Página</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>About you and where you work</source>
        <translation>Sobre usted y dónde trabaja</translation>
    </message>
    <message>
        <source>Your name is recorded with each interview you take. The sites are the places where you interview; you can change both later in Settings.</source>
        <translation>Su nombre se registra con cada entrevista que hace. Los lugares son los sitios donde entrevista; puede cambiar ambos más tarde en Ajustes.</translation>
    </message>
    <message>
        <source>Interviewer &amp;name:</source>
        <translation>&amp;Nombre de quien entrevista:</translation>
    </message>
    <message>
        <source>&amp;Sites (one a line):</source>
        <translation>&amp;Lugares (uno por línea):</translation>
    </message>
    <message>
        <source>&amp;Default site:</source>
        <translation>Lugar &amp;predeterminado:</translation>
    </message>
    <message>
        <source>Interviewer name</source>
        <translation>Nombre de quien entrevista</translation>
    </message>
    <message>
        <source>Sites, one a line</source>
        <translation>Lugares, uno por línea</translation>
    </message>
    <message>
        <source>Default site</source>
        <translation>Lugar predeterminado</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Buscar en:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Archivos de &amp;tipo:</translation>
    </message>
</context>
<context>
    <name>QuestionRow</name>
    <message>
        <source>leaves as typed in exports</source>
        <translation>sale tal como se escribe al exportar</translation>
    </message>
    <message>
        <source>What is typed here leaves the vault as entered when you export, without a review. Do not write names, document or phone numbers here.</source>
        <translation>Lo que se escribe aquí sale de la bóveda tal cual al exportar, sin revisión. No escriba aquí nombres ni números de documento o de teléfono.</translation>
    </message>
    <message>
        <source>(required)</source>
        <translation>(obligatoria)</translation>
    </message>
</context>
<context>
    <name>RankInput</name>
    <message>
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Move up (Alt+Up)</source>
        <translation>Subir (Alt+Arriba)</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <source>Move down (Alt+Down)</source>
        <translation>Bajar (Alt+Abajo)</translation>
    </message>
    <message>
        <source>Keep this order</source>
        <translation>Mantener este orden</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continuar</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPanel</name>
    <message>
        <source>This is your recovery key. Write it on paper now and keep it apart from the laptop. It opens the vault if the passphrase is forgotten. It will not be shown again.</source>
        <translation>Esta es su clave de recuperación. Anótela ahora en papel y guárdela lejos del portátil. Abre la bóveda si se olvida la frase de contraseña. No se volverá a mostrar.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>Group of the recovery key, typed back</source>
        <translation>Grupo de la clave de recuperación, escrito de nuevo</translation>
    </message>
    <message>
        <source>I have &amp;written it down</source>
        <translation>Ya la &amp;anoté</translation>
    </message>
    <message>
        <source>&amp;Show the key again</source>
        <translation>&amp;Mostrar la clave otra vez</translation>
    </message>
    <message>
        <source>From what you wrote, type group number {number} of the key:</source>
        <translation>A partir de lo que anotó, escriba el grupo número {number} de la clave:</translation>
    </message>
    <message>
        <source>Correct.</source>
        <translation>Correcto.</translation>
    </message>
    <message>
        <source>That is not group {number} of the key. Check what you wrote, or show the key again.</source>
        <translation>Ese no es el grupo {number} de la clave. Revise lo que anotó o muestre la clave otra vez.</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>Write down the recovery key</source>
        <translation>Anote la clave de recuperación</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continuar</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>Reopen interview</source>
        <translation>Reabrir la entrevista</translation>
    </message>
    <message>
        <source>This interview is complete. Say why it needs changing; the reason is kept in the interview&apos;s log.</source>
        <translation>Esta entrevista está completa. Indique por qué hay que cambiarla; el motivo se guarda en el historial de la entrevista.</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation>Motivo para reabrir</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
</context>
<context>
    <name>RepeatSteps</name>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
</context>
<context>
    <name>RepeatWidget</name>
    <message>
        <source>None added yet.</source>
        <extracomment>Fills an instance&apos;s box: (layout, instance answer path, 1-based index).</extracomment>
        <translation>Todavía no se añadió ninguno.</translation>
    </message>
    <message>
        <source>Add: %1</source>
        <translation>Añadir: %1</translation>
    </message>
    <message>
        <source>Remove %1 %2</source>
        <translation>Quitar %1 %2</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove %1 %2 and every answer in it? This cannot be undone.</source>
        <translation>¿Quitar %1 %2 y todas sus respuestas? No se puede deshacer.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Write a report</source>
        <translation>Escribir un informe</translation>
    </message>
    <message>
        <source>The report holds every complete interview of this vault, one table per questionnaire and one per repeat, as KoboToolbox exports them. Identifiers never reach it. Keep the files as carefully as the vault: they are not encrypted.</source>
        <translation>El informe contiene cada entrevista completa de esta bóveda, una tabla por cuestionario y una por grupo repetido, como las exporta KoboToolbox. Los identificadores nunca llegan a él. Guarde los archivos con tanto cuidado como la bóveda: no están cifrados.</translation>
    </message>
    <message>
        <source>&amp;CSV files, one per table, in a folder</source>
        <translation>Archivos &amp;CSV, uno por tabla, en una carpeta</translation>
    </message>
    <message>
        <source>One &amp;XLSX workbook, one sheet per table</source>
        <translation>Un libro XLSX, una &amp;hoja por tabla</translation>
    </message>
    <message>
        <source>Where to write the report</source>
        <translation>Dónde escribir el informe</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <source>Answers as</source>
        <translation>Respuestas como</translation>
    </message>
    <message>
        <source>Codes (the choices&apos; names)</source>
        <translation>Códigos (los nombres de las opciones)</translation>
    </message>
    <message>
        <source>Labels in %1</source>
        <translation>Etiquetas en %1</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Formato:</translation>
    </message>
    <message>
        <source>&amp;Save in:</source>
        <translation>&amp;Guardar en:</translation>
    </message>
    <message>
        <source>&amp;Answers as:</source>
        <translation>&amp;Respuestas como:</translation>
    </message>
    <message>
        <source>Report progress</source>
        <translation>Progreso del informe</translation>
    </message>
    <message>
        <source>&amp;Write the report</source>
        <translation>&amp;Escribir el informe</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Choose the folder for the CSV files</source>
        <translation>Elija la carpeta para los archivos CSV</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Guardar el informe como</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Libros de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Escribiendo el informe…</translation>
    </message>
    <message>
        <source>Cancelled. No report was written.</source>
        <translation>Cancelado. No se escribió ningún informe.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>The report is saved as %1.</source>
        <translation>El informe se guardó como %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) written to %1.</source>
        <translation>
            <numerusform>%n tabla escrita en %1.</numerusform>
            <numerusform>%n tablas escritas en %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResearchersModel</name>
    <message>
        <source>Researcher</source>
        <translation>Investigador</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Huella</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>Paquetes</translation>
    </message>
    <message>
        <source>Last bundle</source>
        <translation>Último paquete</translation>
    </message>
    <message>
        <source>Missing bundles</source>
        <translation>Paquetes que faltan</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>ninguno todavía</translation>
    </message>
    <message>
        <source>no. %1, %2</source>
        <translation>n.º %1, %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Bundles with these numbers were made but have not been imported: ask the researcher for them.</source>
        <translation>Los paquetes con estos números se crearon pero no se importaron: pídaselos al investigador.</translation>
    </message>
</context>
<context>
    <name>ResearchersView</name>
    <message>
        <source>Researchers</source>
        <translation>Investigadores</translation>
    </message>
    <message>
        <source>Researchers on the team</source>
        <translation>Investigadores del equipo</translation>
    </message>
    <message>
        <source>Bundles of the selected researcher</source>
        <translation>Paquetes del investigador seleccionado</translation>
    </message>
    <message>
        <source>&amp;Add a researcher…</source>
        <translation>Añadir un &amp;investigador…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <source>No bundle is missing.</source>
        <translation>No falta ningún paquete.</translation>
    </message>
    <message>
        <source>No researcher on the team yet. Add one from their key file.</source>
        <translation>Todavía no hay investigadores en el equipo. Añada uno desde su archivo de clave.</translation>
    </message>
    <message>
        <source>Missing bundles: %1. Ask these researchers for them.</source>
        <translation>Faltan paquetes: %1. Pídaselos a estos investigadores.</translation>
    </message>
    <message>
        <source>Select a researcher to see their bundles.</source>
        <translation>Seleccione un investigador para ver sus paquetes.</translation>
    </message>
    <message>
        <source>missing: not imported yet</source>
        <translation>falta: todavía no importado</translation>
    </message>
    <message>
        <source>missing up to no. %1: not imported yet</source>
        <translation>falta hasta el n.º %1: todavía no importado</translation>
    </message>
    <message>
        <source>Bundles from %1</source>
        <translation>Paquetes de %1</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Retention</source>
        <translation>Conservación</translation>
    </message>
    <message>
        <source>Interview</source>
        <translation>Entrevista</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Received by the lead</source>
        <translation>Recibida por la coordinación</translation>
    </message>
    <message>
        <source>What the policy does</source>
        <translation>Qué hace la política</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Delete what the lead has received, now…</source>
        <translation>Borrar ahora lo que la coordinación ha recibido…</translation>
    </message>
    <message>
        <source>The team&apos;s policy keeps interviews the lead has received.</source>
        <translation>La política del equipo conserva las entrevistas que la coordinación ha recibido.</translation>
    </message>
    <message>
        <source>today</source>
        <translation>hoy</translation>
    </message>
    <message numerus="yes">
        <source>The team&apos;s policy deletes {0} %n day(s) after the lead&apos;s receipt. It is applied when the program is unlocked and every hour while it stays open.</source>
        <translation>
            <numerusform>La política del equipo borra {0} %n día después del acuse de recibo de la coordinación. Se aplica al desbloquear el programa y cada hora mientras sigue abierto.</numerusform>
            <numerusform>La política del equipo borra {0} %n días después del acuse de recibo de la coordinación. Se aplica al desbloquear el programa y cada hora mientras sigue abierto.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n received interview(s) on this laptop.</source>
        <translation>
            <numerusform>%n entrevista recibida en este portátil.</numerusform>
            <numerusform>%n entrevistas recibidas en este portátil.</numerusform>
        </translation>
    </message>
    <message>
        <source>The lead has not confirmed any interview that is still on this laptop.</source>
        <translation>La coordinación no ha confirmado ninguna entrevista que siga en este portátil.</translation>
    </message>
    <message>
        <source>the whole interview</source>
        <translation>la entrevista entera</translation>
    </message>
    <message>
        <source>identifiers and attachments</source>
        <translation>los identificadores y los adjuntos</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>se conserva</translation>
    </message>
    <message>
        <source>kept: changed since the lead received it</source>
        <translation>se conserva: cambió después de que la coordinación la recibiera</translation>
    </message>
    <message>
        <source>identifiers and attachments already deleted</source>
        <translation>identificadores y adjuntos ya borrados</translation>
    </message>
    <message>
        <source>delete identifiers and attachments</source>
        <translation>borrar identificadores y adjuntos</translation>
    </message>
    <message>
        <source>delete the whole interview</source>
        <translation>borrar la entrevista entera</translation>
    </message>
    <message>
        <source>Deleting… the list is read again when it is done.</source>
        <translation>Borrando… la lista se vuelve a leer al terminar.</translation>
    </message>
    <message numerus="yes">
        <source>Delete the %n interview(s) the lead has received from this laptop now, whole? This cannot be undone.</source>
        <translation>
            <numerusform>¿Borrar ahora de este portátil, entera, la entrevista que la coordinación ha recibido? No se puede deshacer.</numerusform>
            <numerusform>¿Borrar ahora de este portátil, enteras, las %n entrevistas que la coordinación ha recibido? No se puede deshacer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete now</source>
        <translation>Borrar ahora</translation>
    </message>
    <message>
        <source>A purge is already running.</source>
        <translation>Ya hay un borrado en curso.</translation>
    </message>
</context>
<context>
    <name>RetentionRunner</name>
    <message>
        <source>Deleting what the lead has received…</source>
        <translation>Borrando lo que la coordinación ha recibido…</translation>
    </message>
    <message>
        <source>Compacting the vault so nothing deleted stays readable…</source>
        <translation>Compactando la bóveda para que nada de lo borrado quede legible…</translation>
    </message>
    <message>
        <source> and {0} more</source>
        <translation> y {0} más</translation>
    </message>
    <message>
        <source>the whole interview</source>
        <translation>la entrevista entera</translation>
    </message>
    <message>
        <source>identifiers and attachments</source>
        <translation>los identificadores y los adjuntos</translation>
    </message>
    <message numerus="yes">
        <source>The team&apos;s retention policy was applied: for %n interview(s) the lead has received, {0} were deleted.</source>
        <translation>
            <numerusform>Se aplicó la política de conservación del equipo: en %n entrevista que la coordinación ha recibido se borraron {0}.</numerusform>
            <numerusform>Se aplicó la política de conservación del equipo: en %n entrevistas que la coordinación ha recibido se borraron {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted for good: %n interview(s).</source>
        <translation>
            <numerusform>Borrada definitivamente: %n entrevista.</numerusform>
            <numerusform>Borradas definitivamente: %n entrevistas.</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} and {1} deleted; the vault was compacted.</source>
        <translation>Borrados: {0} y {1}; la bóveda se compactó.</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n respuesta</numerusform>
            <numerusform>%n respuestas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n adjunto</numerusform>
            <numerusform>%n adjuntos</numerusform>
        </translation>
    </message>
    <message>
        <source>Interviews: {0}</source>
        <translation>Entrevistas: {0}</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Conservación</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review and complete</source>
        <translation>Revisar y completar</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) must be fixed before the interview can be completed. Pick one to go to its question.</source>
        <translation>
            <numerusform>Hay que corregir %n problema antes de completar la entrevista. Elíjalo para ir a su pregunta.</numerusform>
            <numerusform>Hay que corregir %n problemas antes de completar la entrevista. Elija uno para ir a su pregunta.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every answer is in order. Check them, then complete the interview: it becomes read-only until reopened.</source>
        <translation>Todas las respuestas están en orden. Revíselas y complete la entrevista: quedará de solo lectura hasta que se reabra.</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Answers by page</source>
        <translation>Respuestas por página</translation>
    </message>
    <message>
        <source>&amp;Go to question</source>
        <translation>&amp;Ir a la pregunta</translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation>&amp;Completar</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Seguir editando</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <source>Interview</source>
        <translation>Entrevista</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>Leaves</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation>Retenida</translation>
    </message>
</context>
<context>
    <name>SafetyNet</name>
    <message>
        <source>an identifier of this interview</source>
        <translation>un identificador de esta entrevista</translation>
    </message>
    <message>
        <source>part of an identifier of this interview</source>
        <translation>parte de un identificador de esta entrevista</translation>
    </message>
    <message>
        <source>e-mail address</source>
        <translation>correo electrónico</translation>
    </message>
    <message>
        <source>identity card number</source>
        <translation>número de cédula</translation>
    </message>
    <message>
        <source>passport number</source>
        <translation>número de pasaporte</translation>
    </message>
    <message>
        <source>birth date</source>
        <translation>fecha de nacimiento</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>número de teléfono</translation>
    </message>
</context>
<context>
    <name>SaveIndicator</name>
    <message>
        <source>Not saved</source>
        <extracomment>Milliseconds between retries after a failed save. The sentence of the last failure, &quot;&quot; once everything is saved.</extracomment>
        <translation>Sin guardar</translation>
    </message>
    <message>
        <source>✓ Saved</source>
        <translation>✓ Guardado</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>Show or hide what is typed</source>
        <translation>Mostrar u ocultar lo que se escribe</translation>
    </message>
    <message>
        <source>Show the passphrase</source>
        <translation>Mostrar la frase de contraseña</translation>
    </message>
</context>
<context>
    <name>SelectOneRadio</name>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Remove this answer (Delete)</source>
        <translation>Quitar esta respuesta (Supr)</translation>
    </message>
</context>
<context>
    <name>ServiceMessages</name>
    <message>
        <source>This vault has not joined a team yet. Join the team first (Team → Join a team…) with the team file from your lead.</source>
        <extracomment>English sentence of a service → what the desktop says (English source of the translation). Keep the keys exactly as the services raise them.</extracomment>
        <translation>Esta bóveda todavía no se unió a un equipo. Únase primero (Equipo → Unirse a un equipo…) con el archivo de equipo de su coordinación.</translation>
    </message>
    <message>
        <source>Join a team first: only interviews the lead received are removed.</source>
        <translation>Únase primero a un equipo: solo se quitan las entrevistas que la coordinación recibió.</translation>
    </message>
    <message>
        <source>The last change could not be saved: the disk is full or cannot be written. Everything saved before it is safe. Free some disk space, then try again.</source>
        <translation>No se pudo guardar el último cambio: el disco está lleno o no se puede escribir. Todo lo guardado antes está a salvo. Libere espacio en el disco y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Something went wrong. Details are in the log.</source>
        <translation>Algo salió mal. Los detalles están en el registro.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>The team lead set %1 as the minimum; you may raise it, not lower it.</source>
        <translation>La coordinación del equipo fijó %1 como mínimo; puede subirlo, no bajarlo.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <source>Every questionnaire</source>
        <translation>Todos los cuestionarios</translation>
    </message>
    <message>
        <source>Every site</source>
        <translation>Todos los lugares</translation>
    </message>
    <message>
        <source>Every researcher</source>
        <translation>Todos los investigadores</translation>
    </message>
    <message>
        <source>Taken in this vault</source>
        <translation>Tomadas en esta bóveda</translation>
    </message>
    <message>
        <source>Save as &amp;PNG (print resolution)…</source>
        <translation>Guardar como &amp;PNG (resolución de impresión)…</translation>
    </message>
    <message>
        <source>Save as &amp;SVG…</source>
        <translation>Guardar como &amp;SVG…</translation>
    </message>
    <message>
        <source>Save the chart as</source>
        <translation>Guardar el gráfico como</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>Dibujos SVG (*.svg)</translation>
    </message>
    <message>
        <source>The chart is saved as %1.</source>
        <translation>El gráfico se guardó como %1.</translation>
    </message>
    <message>
        <source>The chart could not be saved as %1.</source>
        <translation>No se pudo guardar el gráfico como %1.</translation>
    </message>
    <message>
        <source>Choose the folder for the charts</source>
        <translation>Elija la carpeta para los gráficos</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <source>Save every chart as PNG (print resolution) and SVG, for the team&apos;s report. Right-click a chart to save it alone.</source>
        <translation>Guarda cada gráfico como PNG (resolución de impresión) y SVG, para el informe del equipo. Haga clic derecho en un gráfico para guardarlo solo.</translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation>&amp;Cuestionario:</translation>
    </message>
    <message>
        <source>Re&amp;searcher:</source>
        <translation>&amp;Investigador:</translation>
    </message>
    <message>
        <source>Save the ch&amp;arts…</source>
        <translation>Guardar los &amp;gráficos…</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) saved in %1.</source>
        <translation>
            <numerusform>%n archivo guardado en %1.</numerusform>
            <numerusform>%n archivos guardados en %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sit&amp;e:</source>
        <translation>&amp;Lugar:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>cualquier día</translation>
    </message>
    <message>
        <source>Refresh the figures</source>
        <translation>Actualizar las cifras</translation>
    </message>
    <message>
        <source>Humanitarian visa</source>
        <translation>Visa humanitaria</translation>
    </message>
    <message>
        <source>Humanitarian exceptions</source>
        <translation>Excepciones humanitarias</translation>
    </message>
    <message>
        <source>Asylum claims: outcome</source>
        <translation>Solicitudes de refugio: resultado</translation>
    </message>
    <message>
        <source>At migration control</source>
        <translation>En el control migratorio</translation>
    </message>
    <message>
        <source>Days waited for a decision, by site</source>
        <translation>Días de espera de una decisión, por lugar</translation>
    </message>
    <message>
        <source>Days waited for a decision, by gender</source>
        <translation>Días de espera de una decisión, por género</translation>
    </message>
    <message>
        <source>Days waited, by site and gender</source>
        <translation>Días de espera, por lugar y género</translation>
    </message>
    <message>
        <source>No data yet.</source>
        <translation>Todavía no hay datos.</translation>
    </message>
    <message>
        <source>days</source>
        <translation>días</translation>
    </message>
    <message>
        <source>fewer than %1</source>
        <translation>menos de %1</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>al menos %1</translation>
    </message>
    <message>
        <source>not shown</source>
        <translation>no se muestra</translation>
    </message>
    <message>
        <source>No testimonies yet. Import the researchers&apos; bundles to see the figures.</source>
        <translation>Todavía no hay testimonios. Importe los paquetes de los investigadores para ver las cifras.</translation>
    </message>
    <message>
        <source>%1 testimonies from %2. %3 of them held a humanitarian visa; %4 of those were still refused.</source>
        <translation>%1 testimonios de %2. %3 de ellos tenían visa humanitaria; %4 de esos igual fueron rechazados en la entrada.</translation>
    </message>
    <message numerus="yes">
        <source>%n site(s)</source>
        <translation>
            <numerusform>%n lugar</numerusform>
            <numerusform>%n lugares</numerusform>
        </translation>
    </message>
    <message>
        <source>Exact counts, small groups included: for internal use only.</source>
        <translation>Cifras exactas, grupos pequeños incluidos: solo para uso interno.</translation>
    </message>
    <message>
        <source>held one and were still refused</source>
        <translation>la tenían y aun así se les negó</translation>
    </message>
    <message>
        <source>held one and were not refused</source>
        <translation>la tenían y no se les negó</translation>
    </message>
    <message>
        <source>held none</source>
        <translation>no la tenían</translation>
    </message>
    <message>
        <source>met an exception and were still refused</source>
        <translation>cumplían una excepción y aun así se les negó</translation>
    </message>
    <message>
        <source>met an exception and were not refused</source>
        <translation>cumplían una excepción y no se les negó</translation>
    </message>
    <message>
        <source>met none</source>
        <translation>no cumplían ninguna</translation>
    </message>
    <message>
        <source>gender %1</source>
        <translation>género %1</translation>
    </message>
    <message>
        <source>gender not given</source>
        <translation>género no indicado</translation>
    </message>
    <message>
        <source>withheld by k-anonymity</source>
        <translation>retenido por k-anonimato</translation>
    </message>
    <message>
        <source>withheld: text not released</source>
        <translation>retenido: texto no liberado</translation>
    </message>
    <message>
        <source>withheld by the safety net</source>
        <translation>retenido por la red de seguridad</translation>
    </message>
    <message>
        <source>withheld: not exported</source>
        <translation>retenido: no exportado</translation>
    </message>
    <message>
        <source>withheld</source>
        <translation>retenido</translation>
    </message>
    <message>
        <source>gender</source>
        <translation>género</translation>
    </message>
    <message>
        <source>days waited</source>
        <translation>días de espera</translation>
    </message>
    <message>
        <source>not given (n=%1)</source>
        <translation>no indicado (n=%1)</translation>
    </message>
    <message>
        <source>Answers the figures lack: %1.</source>
        <translation>Respuestas que faltan en las cifras: %1.</translation>
    </message>
    <message>
        <source>Some interviews came in bundles of older programs, which do not say what they withheld: some counted as not given may have been withheld.</source>
        <translation>Algunas entrevistas llegaron en paquetes de versiones anteriores del programa, que no dicen qué retuvieron: algunas respuestas contadas como no indicadas pueden haberse retenido.</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Create a team (lead)</source>
        <translation>Crear un equipo (coordinación)</translation>
    </message>
    <message>
        <source>Join a team (researcher)</source>
        <translation>Unirse a un equipo (investigador)</translation>
    </message>
    <message>
        <source>My key</source>
        <translation>Mi clave</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>The team file carries the study name, your public key, every questionnaire installed in this vault and the site list. Give it to each researcher and read your fingerprint out to them.</source>
        <translation>El archivo de equipo lleva el nombre del estudio, su clave pública, todos los cuestionarios instalados en esta bóveda y la lista de lugares. Entrégueselo a cada investigador y léale su huella en voz alta.</translation>
    </message>
    <message>
        <source>Study name</source>
        <translation>Nombre del estudio</translation>
    </message>
    <message>
        <source>Save the team file as</source>
        <translation>Guardar el archivo de equipo como</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <source>Team files</source>
        <translation>Archivos de equipo</translation>
    </message>
    <message>
        <source>&amp;Study name:</source>
        <translation>Nombre del &amp;estudio:</translation>
    </message>
    <message>
        <source>Save &amp;as:</source>
        <translation>&amp;Guardar como:</translation>
    </message>
    <message>
        <source>&amp;Create the team file</source>
        <translation>&amp;Crear el archivo de equipo</translation>
    </message>
    <message>
        <source>Your fingerprint</source>
        <translation>Su huella</translation>
    </message>
    <message>
        <source>Give the study a name.</source>
        <translation>Ponga un nombre al estudio.</translation>
    </message>
    <message>
        <source>The team file is saved as %1. Read this fingerprint out to each researcher when you give it to them:</source>
        <translation>El archivo de equipo se guardó como %1. Lea esta huella en voz alta a cada investigador cuando se lo entregue:</translation>
    </message>
    <message>
        <source>Team file</source>
        <translation>Archivo de equipo</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>&amp;Team file:</source>
        <translation>Archivo de &amp;equipo:</translation>
    </message>
    <message>
        <source>the team lead</source>
        <translation>la coordinación</translation>
    </message>
    <message>
        <source>&amp;Join the team</source>
        <translation>&amp;Unirse al equipo</translation>
    </message>
    <message>
        <source>Open the team file</source>
        <translation>Abrir el archivo de equipo</translation>
    </message>
    <message>
        <source>Smallest group size for exports (k): %1, set by the team lead</source>
        <translation>Tamaño mínimo de grupo al exportar (k): %1, fijado por la coordinación del equipo</translation>
    </message>
    <message>
        <source>Key files</source>
        <translation>Archivos de clave</translation>
    </message>
    <message>
        <source>Study: %1
Questionnaires: %2
Sites: %3</source>
        <translation>Estudio: %1
Cuestionarios: %2
Lugares: %3</translation>
    </message>
    <message>
        <source>You joined the team: its questionnaires and sites are installed, and your bundles will be addressed to this lead.</source>
        <translation>Se unió al equipo: sus cuestionarios y lugares están instalados, y sus paquetes irán dirigidos a esta coordinación.</translation>
    </message>
    <message>
        <source>Give your public-key file to the team lead and read this fingerprint out to them, so they know your bundles come from you.</source>
        <translation>Entregue su archivo de clave pública a la coordinación y léale esta huella en voz alta, para que sepa que sus paquetes vienen de usted.</translation>
    </message>
    <message>
        <source>Your name, as the lead knows you</source>
        <translation>Su nombre, como la coordinación le conoce</translation>
    </message>
    <message>
        <source>Save the key file as</source>
        <translation>Guardar el archivo de clave como</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Su &amp;nombre:</translation>
    </message>
    <message>
        <source>Save a&amp;s:</source>
        <translation>Guardar c&amp;omo:</translation>
    </message>
    <message>
        <source>Save my &amp;public key</source>
        <translation>Guardar mi clave &amp;pública</translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>Guardado como %1.</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Guardar como</translation>
    </message>
</context>
<context>
    <name>TeamMenu</name>
    <message>
        <source>&amp;Team</source>
        <translation>E&amp;quipo</translation>
    </message>
    <message>
        <source>&amp;Create a team…</source>
        <translation>&amp;Crear un equipo…</translation>
    </message>
    <message>
        <source>&amp;Join a team…</source>
        <translation>&amp;Unirse a un equipo…</translation>
    </message>
    <message>
        <source>My &amp;key…</source>
        <translation>Mi c&amp;lave…</translation>
    </message>
    <message>
        <source>&amp;Add a researcher…</source>
        <translation>&amp;Añadir un investigador…</translation>
    </message>
    <message>
        <source>Import a &amp;folder…</source>
        <translation>Importar una carpe&amp;ta…</translation>
    </message>
    <message>
        <source>Write a rep&amp;ort…</source>
        <translation>Escribir un in&amp;forme…</translation>
    </message>
    <message>
        <source>Export for the team lead</source>
        <translation>Exportar para la coordinación</translation>
    </message>
    <message>
        <source>This vault leads the team: it imports the researchers&apos; bundles and does not export any.</source>
        <translation>Esta bóveda coordina el equipo: importa los paquetes de los investigadores y no exporta ninguno.</translation>
    </message>
    <message>
        <source>This vault has not joined a team yet. A bundle can only be opened by your team lead, so first open the team file the lead gave you and check the lead&apos;s fingerprint.

Join a team now?</source>
        <translation>Esta bóveda aún no se ha unido a un equipo. Solo la coordinación puede abrir un paquete, así que primero abra el archivo de equipo que le dio la coordinación y compruebe su huella.

¿Unirse a un equipo ahora?</translation>
    </message>
</context>
<context>
    <name>TimeInput</name>
    <message>
        <source>HH:MM</source>
        <translation>HH:MM</translation>
    </message>
    <message>
        <source>Not saved: enter a time as HH:MM.</source>
        <translation>Sin guardar: escriba la hora como HH:MM.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Testimonio is locked</source>
        <extracomment>Seconds to wait after the second failure; doubles after each further one.</extracomment>
        <translation>Testimonio está bloqueado</translation>
    </message>
    <message>
        <source>Type your passphrase to open the vault.</source>
        <translation>Escriba su frase de contraseña para abrir la bóveda.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nueva frase de contraseña</translation>
    </message>
    <message>
        <source>New passphrase, repeated</source>
        <translation>Nueva frase de contraseña, repetida</translation>
    </message>
    <message>
        <source>&amp;Recovery key:</source>
        <translation>Clave de &amp;recuperación:</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Nueva frase de contraseña:</translation>
    </message>
    <message>
        <source>Re&amp;peat it:</source>
        <translation>Re&amp;pítala:</translation>
    </message>
    <message>
        <source>I &amp;forgot the passphrase…</source>
        <translation>&amp;Olvidé la frase de contraseña…</translation>
    </message>
    <message>
        <source>◀ &amp;Back to the passphrase</source>
        <translation>◀ &amp;Volver a la frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <extracomment>True once the recovery key opened the vault (a confirmation is shown).</extracomment>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Type the recovery key you wrote down when the vault was created, then choose a new passphrase.</source>
        <translation>Escriba la clave de recuperación que anotó al crear la bóveda y luego elija una frase de contraseña nueva.</translation>
    </message>
    <message>
        <source>&amp;Unlock and set the passphrase</source>
        <translation>&amp;Desbloquear y poner la frase</translation>
    </message>
    <message>
        <source>Type your passphrase first.</source>
        <translation>Escriba primero su frase de contraseña.</translation>
    </message>
    <message>
        <source>Opening the vault…</source>
        <translation>Abriendo la bóveda…</translation>
    </message>
    <message>
        <source>Type the recovery key first.</source>
        <translation>Escriba primero la clave de recuperación.</translation>
    </message>
    <message>
        <source>Choose a stronger new passphrase (at least {n} characters, several words).</source>
        <translation>Elija una frase nueva más sólida (al menos {n} caracteres, varias palabras).</translation>
    </message>
    <message>
        <source>The two new passphrases are not the same.</source>
        <translation>Las dos frases nuevas no son iguales.</translation>
    </message>
    <message>
        <source>The vault is open and your new passphrase is set: use it from now on. The recovery key still opens the vault; keep the paper safe.</source>
        <translation>La bóveda está abierta y su nueva frase de contraseña quedó establecida: úsela desde ahora. La clave de recuperación sigue abriendo la bóveda; guarde el papel en un lugar seguro.</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continuar</translation>
    </message>
    <message>
        <source>That recovery key does not open this vault. Check it and try again.</source>
        <translation>Esa clave de recuperación no abre esta bóveda. Revísela e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>That passphrase does not open this vault. Try again.</source>
        <translation>Esa frase de contraseña no abre esta bóveda. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The vault&apos;s files are damaged or were changed. Nothing was opened. Restore the vault from a backup.</source>
        <translation>Los archivos de la bóveda están dañados o fueron modificados. No se abrió nada. Restaure la bóveda desde una copia de seguridad.</translation>
    </message>
    <message>
        <source>There is no vault in this place.</source>
        <translation>No hay ninguna bóveda en este lugar.</translation>
    </message>
    <message numerus="yes">
        <source>That passphrase does not open this vault. Wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>Esa frase de contraseña no abre esta bóveda. Espere %n segundo antes de volver a intentarlo.</numerusform>
            <numerusform>Esa frase de contraseña no abre esta bóveda. Espere %n segundos antes de volver a intentarlo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VaultWarnings</name>
    <message>
        <source>The vault&apos;s recovery-key slot is damaged, so the recovery key can no longer open it; the passphrase still does. Keep a backup of the vault folder.</source>
        <translation>La ranura de la clave de recuperación de la bóveda está dañada: la clave de recuperación ya no puede abrirla; la frase de acceso sí. Guarde una copia de seguridad de la carpeta de la bóveda.</translation>
    </message>
</context>
<context>
    <name>WaffleChart</name>
    <message>
        <source>%1 of %2: %3</source>
        <translation>%1 de %2: %3</translation>
    </message>
</context>
<context>
    <name>_Chart</name>
    <message>
        <source>No data yet.</source>
        <translation>Todavía no hay datos.</translation>
    </message>
</context>
<context>
    <name>_Counted</name>
    <message numerus="yes">
        <source>%n interview(s) share — {0}</source>
        <translation>
            <numerusform>%n entrevista comparte: {0}</numerusform>
            <numerusform>%n entrevistas comparten: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_DateField</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>Pick the date on a calendar (Alt+Down)</source>
        <translation>Elegir la fecha en un calendario (Alt+Abajo)</translation>
    </message>
    <message>
        <source>Calendar</source>
        <extracomment>Whether a day (``YYYY-MM-DD``) may be answered; None checks nothing.</extracomment>
        <translation>Calendario</translation>
    </message>
    <message>
        <source>DD/MM/YYYY</source>
        <translation>DD/MM/AAAA</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Año</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Año:</translation>
    </message>
    <message>
        <source>Days in grey are not accepted by this question.</source>
        <translation>Esta pregunta no acepta los días en gris.</translation>
    </message>
</context>
<context>
    <name>_NumberInput</name>
    <message>
        <source>Not saved: enter a number.</source>
        <translation>Sin guardar: escriba un número.</translation>
    </message>
</context>
<context>
    <name>_SearchableList</name>
    <message>
        <source>Type to search the choices</source>
        <translation>Escriba para buscar entre las opciones</translation>
    </message>
    <message>
        <source>search</source>
        <translation>buscar</translation>
    </message>
</context>
</TS>
