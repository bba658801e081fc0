<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>bundle %1 from %2 was already imported; nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bundle %1 from %2: %3 new, %4 updated, %5 unchanged or older.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Testimonio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Testimonio %1&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Structured interviews recorded offline in an encrypted vault. Data leaves only as a pseudonymised bundle encrypted to the team lead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundled components and their licences</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AcknowledgeInput</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddResearcherDialog</name>
    <message>
        <source>Add a researcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Researcher&apos;s key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name on the team:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name on the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the researcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add to the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a researcher&apos;s key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team already has a researcher named %1. Give this one a different name (a surname, or the place they work), so the two are never confused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the researcher a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Researcher: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name given)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnswersMenu</name>
    <message>
        <source>&amp;Publish a team update…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a team &amp;update…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke a researcher&apos;s key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a &amp;backup recipient…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention: what is &amp;deleted and when…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No researcher is on the roster yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Researcher:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish a team update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke a researcher&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the key of {0}?

Fingerprint: {1}

Bundles it signs after the last one imported are refused from now on. Do this when a laptop is lost or seized, then publish a team update.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked. Its bundles up to number {0} stay accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a backup recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add {0} as a backup recipient? Every new bundle can then be opened with this key too.

Compare the fingerprint, group by group, with the one its keeper reads to you:
{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added. Publish a team update so the researchers use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep received interviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete identifiers and attachments after receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the whole interview after receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On researchers&apos; laptops:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days after the receipt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy set. Publish a team update so it reaches the researchers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a team update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The smallest group size for exports (k) is now the team lead&apos;s {0}, or your own if you set it higher.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team › Retention shows each interview and its day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the whole interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identifiers and attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purge received interviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lead has not confirmed any interview that is still on this laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team&apos;s policy deletes {0} from {1} on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write a receipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a receip&amp;t…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention polic&amp;y…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pur&amp;ge received interviews…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Receipt {0} written: %n interview(s) received from {1}. Give the file to the researcher.</source>
        <translation>
            <numerusform>Receipt {0} written: %n interview received from {1}. Give the file to the researcher.</numerusform>
            <numerusform>Receipt {0} written: %n interviews received from {1}. Give the file to the researcher.</numerusform>
        </translation>
    </message>
    <message>
        <source>Team update {0} written: {1}, {2}, {3}, {4}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n questionnaire version(s)</source>
        <translation>
            <numerusform>%n questionnaire version</numerusform>
            <numerusform>%n questionnaire versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n researcher(s)</source>
        <translation>
            <numerusform>%n researcher</numerusform>
            <numerusform>%n researchers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n revoked key(s)</source>
        <translation>
            <numerusform>%n revoked key</numerusform>
            <numerusform>%n revoked keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n backup recipient(s)</source>
        <translation>
            <numerusform>%n backup recipient</numerusform>
            <numerusform>%n backup recipients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Receipt {0}: the lead received %n more interview(s) on {1}.</source>
        <translation>
            <numerusform>Receipt {0}: the lead received %n more interview on {1}.</numerusform>
            <numerusform>Receipt {0}: the lead received %n more interviews on {1}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Team update {0} imported: {1}, {2}, {3}. Interviews already started keep their questionnaire version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new questionnaire version(s)</source>
        <translation>
            <numerusform>%n new questionnaire version</numerusform>
            <numerusform>%n new questionnaire versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The team&apos;s policy deletes, for %n interview(s) the lead has received, {0}. Their day has come. Delete now?</source>
        <translation>
            <numerusform>The team&apos;s policy deletes, for %n interview the lead has received, {0}. Its day has come. Delete now?</numerusform>
            <numerusform>The team&apos;s policy deletes, for %n interviews the lead has received, {0}. Their day has come. Delete now?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s) on this laptop were received by the lead.</source>
        <translation>
            <numerusform>%n interview on this laptop was received by the lead.</numerusform>
            <numerusform>%n interviews on this laptop were received by the lead.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete them all from this laptop now? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentInput</name>
    <message>
        <source>Add photo or PDF…</source>
        <extracomment>Larger files are refused: a phone photo is a few MB, a scan a few more.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a photo or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than 25 MB; choose a smaller photo or scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos and PDF (*.jpg *.jpeg *.png *.gif *.bmp *.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only photos (JPEG, PNG, GIF, BMP) and PDF files can be added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this attachment from the interview? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <source>Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This PDF cannot be shown: it is damaged or protected by a password. It stays in the vault as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This page cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This photo cannot be shown: the file is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentsModel</name>
    <message>
        <source>%1 KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BundlesModel</name>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CapsLockWatch</name>
    <message>
        <source>Caps Lock is on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase, repeated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Current passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a stronger new passphrase (at least {n} characters, several words).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two new passphrases are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current passphrase is not right. Nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompletionDialog</name>
    <message>
        <source>Not ready to complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) must be fixed before the interview can be completed. Pick one to go to its question.</source>
        <translation>
            <numerusform>%n problem must be fixed before the interview can be completed. Pick it to go to its question.</numerusform>
            <numerusform>%n problems must be fixed before the interview can be completed. Pick one to go to its question.</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to question</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompletionSteps</name>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every answer is in order. Mark the interview complete? It becomes read-only until reopened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported from %1&apos;s bundle: a pseudonymised copy, shown as it arrived (ages as bands, dates as months; identifiers never leave a researcher&apos;s laptop). It cannot be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This interview is complete and read-only. Use “Reopen…” to change it; the reason is logged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received by the lead on %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataTableModel</name>
    <message>
        <source>Not in the bundle. This answer leaves generalised and is blanked when too few interviews share it (the k-anonymity check), so it was either suppressed or never answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the bundle. Free text leaves only when the researcher released it for export, so it was either withheld or never answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never sent: this value is worked out from an identifier, or points at a person (a location, a device), so it stays on the researcher&apos;s laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generalised before it left the researcher&apos;s laptop: a number as a band (for example 30–39), a date as its month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld by the k-anonymity check: too few interviews shared this person&apos;s quasi-identifiers (age band, gender, dates…), so the researcher&apos;s export blanked them. Whether this one was answered is not said.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld: free text the researcher did not release for export. It was answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld: the researcher&apos;s program kept this text back because it looked like an identifier (a phone or document number, an e-mail address, a birth date or a name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld: the picture was not chosen for export, or could not be cleaned of hidden data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generalised one step further than the questionnaire says (a band twice as wide, a year instead of a month), so that enough interviews share it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Researcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question to filter by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer to filter by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the alias…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Columns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers, one row per interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows of the repeat for the selected interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;peat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Researcher:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sit&amp;e:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Where:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>i&amp;s:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every researcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken in this vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s)</source>
        <translation>
            <numerusform>%n interview</numerusform>
            <numerusform>%n interviews</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DateInput</name>
    <message>
        <source>Not saved: enter a date as %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateTimeInput</name>
    <message>
        <source>HH:MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: enter a date as %1 and a time as HH:MM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DistributionChart</name>
    <message>
        <source>Not shown: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 people, median %3, from %4 to %5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export for the team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the interviews…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing new to export: no completed interview is new or changed since the last bundle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s) to export.</source>
        <translation>
            <numerusform>%n interview to export.</numerusform>
            <numerusform>%n interviews to export.</numerusform>
        </translation>
    </message>
    <message>
        <source>none recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifiers of this interview:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This text looks like it holds something that identifies a person (%1). It stays in the vault unless you edit it, or keep it here to release this exact text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the groups of people in this bundle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some people in this bundle share their generalised details (such as age band, gender and month) with fewer than %1 interviews in everything exported so far. A reader could single them out. Choose what to do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every group of people with the same generalised details has at least %1 interviews. Nobody can be singled out by them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s)</source>
        <translation>
            <numerusform>%n interview</numerusform>
            <numerusform>%n interviews</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n value</numerusform>
            <numerusform>%n values</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n attachment</numerusform>
            <numerusform>%n attachments</numerusform>
        </translation>
    </message>
    <message>
        <source>Exactly this will leave: {0}, {1}, {2}. Everything else stays in the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take care: the questionnaire lets some dates be worked out again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These attachments cannot be cleaned of hidden data and stay in the vault; the rest leaves without them if you export:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testimonio bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another file name: a file of that name exists already, or its folder does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the bundle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle is saved as %1. Give it to the team lead: only they can open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every field blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the rest blank)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (cleaned: %2 KB, SHA-256 %3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportPages</name>
    <message>
        <source>A bundle holds your completed interviews, pseudonymised and encrypted so that only the team lead can open it. Names, document numbers and other identifiers never leave this laptop. Free text leaves only if you let it, answer by answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;every completed interview again, not only the new or changed ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export every completed interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These answers are free text. They leave only if you let them. Read each one: anything marked in yellow is an identifier of that interview (a name, a document number) and must not leave. Withhold an answer when in doubt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer under review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Let it leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withhold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let &amp;all unmarked answers leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every answer without a yellow mark leaves; withhold any one afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments leave only when ticked. Photos leave without their hidden details (camera, date, GPS position).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Blank those fields in this bundle (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything that will leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the bundle as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FingerprintCheck</name>
    <message>
        <source>Compare these words (or the groups of letters and digits under them), one by one, with the ones %1 reads out to you in person or on the phone. If a single word or character differs, stop: the file is not theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fingerprints are the &amp;same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fingerprints are the same</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>&amp;Next &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the set-up now? The vault is not kept until the recovery key has been written down; you can start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault is already created. Leave the set-up now? You can set your name and sites later in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormSession</name>
    <message>
        <source>(attached)</source>
        <extracomment>Who sent it, for an interview imported from a bundle (a pseudonymised copy: generalised values, never reopened here); None if taken here. For an imported copy, what its export withheld (answer path -&gt; the bundle&apos;s reason); None when taken here or its bundle did not say. The answers as read from (or last known in) the vault.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GeopointInput</name>
    <message>
        <source>latitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>altitude (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: enter a latitude (-90 to 90) and a longitude (-180 to 180).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the bundle files the researchers gave you. Each one is checked (who signed it, that it is addressed to you, that nothing in it was changed) before anything is read, and is imported whole or not at all. You can also drop the files here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundle files and results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add bundles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import every bundle in a folder that was not imported yet, for example a folder kept in sync with the researchers or a USB stick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testimonio bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder with the bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing the new bundles of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not imported (cancelled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, {1}, {2}; {3}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) imported</source>
        <translation>
            <numerusform>%n bundle imported</numerusform>
            <numerusform>%n bundles imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped</source>
        <translation>
            <numerusform>%n file skipped</numerusform>
            <numerusform>%n files skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) of this folder imported before</source>
        <translation>
            <numerusform>%n bundle of this folder imported before</numerusform>
            <numerusform>%n bundles of this folder imported before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 file(s) refused; they changed nothing.</source>
        <translation>
            <numerusform>%n of %1 files refused; it changed nothing.</numerusform>
            <numerusform>%n of %1 files refused; they changed nothing.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled. The files already imported stay imported; the others were not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every file was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bundle is missing from any researcher.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing bundles — ask these researchers for them:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a team file, not a bundle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a researcher&apos;s key file, not a bundle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a receipt, not a bundle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a team update, not a bundle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too short to be a bundle: it may still be copying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a Testimonio bundle.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InterviewLeave</name>
    <message>
        <source>“%1”: %2

Leave it out and go on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(and %1 more on this page)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InterviewListView</name>
    <message>
        <source>Alias or the start of the interview id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search interviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by researcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sit&amp;e:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Researcher:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All questionnaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No interview matches the search or filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No interviews yet.
Import your researchers&apos; bundles with Team → Import bundles (Ctrl+I).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No interviews yet.
Start one with Interview → New (Ctrl+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no alias)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InterviewTableModel</name>
    <message>
        <source>Alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Researcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{form} version {version}</source>
        <extracomment>interview ids -&gt; the day the lead received them (issue 12); set by the view.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received by the lead on %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InterviewView</name>
    <message>
        <source>Questionnaire language</source>
        <extracomment>Pages the interviewer has left: their problems are shown (as ODK does). The question last asked for (by resuming, a lock, a link), if any.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check every answer and mark the interview complete (Ctrl+Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow changes again; the reason is logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and return to the list (Ctrl+W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page (Ctrl+Page Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page (Ctrl+Page Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review and complete ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List every answer, then complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the last page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That was the last question. Press Enter to review the answers and complete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Welcome to Testimonio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testimonio keeps your interviews in an encrypted vault on this computer. These few steps create the vault and set up the program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Save state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New interview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete draft…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back to the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock and &amp;hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the &amp;passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export for the team lead…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import bundles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interviews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Researchers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Testimonio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some answers could not be saved. Close the interview anyway? The unsaved answers will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new interview had no answers and was not kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the draft interview {interview} and all its answers? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewInterviewDialog</name>
    <message>
        <source>New interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No questionnaire is installed yet. Add one with “testimonio forms add FILE.xlsx” or join a team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or type the site.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PageListModel</name>
    <message numerus="yes">
        <source>⚠ %n problem(s)</source>
        <extracomment>Types that are never shown as a question on a page.</extracomment>
        <translation>
            <numerusform>⚠ %n problem</numerusform>
            <numerusform>⚠ %n problems</numerusform>
        </translation>
    </message>
    <message>
        <source>Not asked in this interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 answered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Choose a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the &amp;vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase opens the vault. Several unusual words are easy to remember and hard to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase, repeated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you lose both the passphrase and the recovery key, nobody can open the vault: the interviews are lost for good. There is no back door.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I &amp;understand that a lost passphrase and recovery key mean lost data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use at least {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too easy to guess: add words or characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the encrypted vault…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordStrengthMeter</name>
    <message>
        <source>Very weak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the vault when nobody has used the program for this many minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviewer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded with every interview you take.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Places where you take interviews, one a line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smallest group size for export (k)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export refuses groups of fewer people than this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts under k in summaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells of fewer than k interviews show as &apos;fewer than k&apos;. Exact counts are for internal use only and are marked so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown as &apos;fewer than k&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact (internal use only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest side of exported pictures (pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures leave re-drawn from their pixels, without hidden data, no larger than this.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Interview</source>
        <extracomment>What the researcher reads instead of codes: the interview&apos;s alias (it never leaves), the questionnaire&apos;s title, the choice labels.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value that leaves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (leaves as %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (in the bundle: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stays: looks like %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as entered (quasi-identifier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generalised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generalised further</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blanked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>month only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>band</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>Page</source>
        <extracomment>(page title, question label) of an answer path.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>About you and where you work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name is recorded with each interview you take. The sites are the places where you interview; you can change both later in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviewer &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sites (one a line):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interviewer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sites, one a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuestionRow</name>
    <message>
        <source>leaves as typed in exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is typed here leaves the vault as entered when you export, without a review. Do not write names, document or phone numbers here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(required)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RankInput</name>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up (Alt+Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this order</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPanel</name>
    <message>
        <source>This is your recovery key. Write it on paper now and keep it apart from the laptop. It opens the vault if the passphrase is forgotten. It will not be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group of the recovery key, typed back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have &amp;written it down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show the key again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From what you wrote, type group number {number} of the key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not group {number} of the key. Check what you wrote, or show the key again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>Write down the recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>Reopen interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This interview is complete. Say why it needs changing; the reason is kept in the interview&apos;s log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RepeatSteps</name>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RepeatWidget</name>
    <message>
        <source>None added yet.</source>
        <extracomment>Fills an instance&apos;s box: (layout, instance answer path, 1-based index).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 %2 and every answer in it? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Write a report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report holds every complete interview of this vault, one table per questionnaire and one per repeat, as KoboToolbox exports them. Identifiers never reach it. Keep the files as carefully as the vault: they are not encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CSV files, one per table, in a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One &amp;XLSX workbook, one sheet per table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to write the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codes (the choices&apos; names)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Answers as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder for the CSV files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. No report was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report is saved as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) written to %1.</source>
        <translation>
            <numerusform>%n table written to %1.</numerusform>
            <numerusform>%n tables written to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResearchersModel</name>
    <message>
        <source>Researcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no. %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles with these numbers were made but have not been imported: ask the researcher for them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResearchersView</name>
    <message>
        <source>Researchers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Researchers on the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles of the selected researcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add a researcher…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bundle is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No researcher on the team yet. Add one from their key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing bundles: %1. Ask these researchers for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a researcher to see their bundles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing: not imported yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing up to no. %1: not imported yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received by the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the policy does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete what the lead has received, now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team&apos;s policy keeps interviews the lead has received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The team&apos;s policy deletes {0} %n day(s) after the lead&apos;s receipt. It is applied when the program is unlocked and every hour while it stays open.</source>
        <translation>
            <numerusform>The team&apos;s policy deletes {0} %n day after the lead&apos;s receipt. It is applied when the program is unlocked and every hour while it stays open.</numerusform>
            <numerusform>The team&apos;s policy deletes {0} %n days after the lead&apos;s receipt. It is applied when the program is unlocked and every hour while it stays open.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n received interview(s) on this laptop.</source>
        <translation>
            <numerusform>%n received interview on this laptop.</numerusform>
            <numerusform>%n received interviews on this laptop.</numerusform>
        </translation>
    </message>
    <message>
        <source>The lead has not confirmed any interview that is still on this laptop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the whole interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identifiers and attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept: changed since the lead received it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identifiers and attachments already deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete identifiers and attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete the whole interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting… the list is read again when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete the %n interview(s) the lead has received from this laptop now, whole? This cannot be undone.</source>
        <translation>
            <numerusform>Delete the interview the lead has received from this laptop now, whole? This cannot be undone.</numerusform>
            <numerusform>Delete the %n interviews the lead has received from this laptop now, whole? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A purge is already running.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionRunner</name>
    <message>
        <source>Deleting what the lead has received…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compacting the vault so nothing deleted stays readable…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and {0} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the whole interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identifiers and attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The team&apos;s retention policy was applied: for %n interview(s) the lead has received, {0} were deleted.</source>
        <translation>
            <numerusform>The team&apos;s retention policy was applied: for %n interview the lead has received, {0} were deleted.</numerusform>
            <numerusform>The team&apos;s retention policy was applied: for %n interviews the lead has received, {0} were deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted for good: %n interview(s).</source>
        <translation>
            <numerusform>Deleted for good: %n interview.</numerusform>
            <numerusform>Deleted for good: %n interviews.</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} and {1} deleted; the vault was compacted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n answer</numerusform>
            <numerusform>%n answers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n attachment</numerusform>
            <numerusform>%n attachments</numerusform>
        </translation>
    </message>
    <message>
        <source>Interviews: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review and complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) must be fixed before the interview can be completed. Pick one to go to its question.</source>
        <translation>
            <numerusform>%n problem must be fixed before the interview can be completed. Pick it to go to its question.</numerusform>
            <numerusform>%n problems must be fixed before the interview can be completed. Pick one to go to its question.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every answer is in order. Check them, then complete the interview: it becomes read-only until reopened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers by page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <source>Interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafetyNet</name>
    <message>
        <source>an identifier of this interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part of an identifier of this interview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identity card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passport number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaveIndicator</name>
    <message>
        <source>Not saved</source>
        <extracomment>Milliseconds between retries after a failed save. The sentence of the last failure, &quot;&quot; once everything is saved.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide what is typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelectOneRadio</name>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this answer (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceMessages</name>
    <message>
        <source>This vault has not joined a team yet. Join the team first (Team → Join a team…) with the team file from your lead.</source>
        <extracomment>English sentence of a service → what the desktop says (English source of the translation). Keep the keys exactly as the services raise them.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a team first: only interviews the lead received are removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last change could not be saved: the disk is full or cannot be written. Everything saved before it is safe. Free some disk space, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong. Details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team lead set %1 as the minimum; you may raise it, not lower it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <source>Every questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every researcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken in this vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as &amp;PNG (print resolution)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as &amp;SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the chart as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chart is saved as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chart could not be saved as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder for the charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every chart as PNG (print resolution) and SVG, for the team&apos;s report. Right-click a chart to save it alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;searcher:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the ch&amp;arts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) saved in %1.</source>
        <translation>
            <numerusform>%n file saved in %1.</numerusform>
            <numerusform>%n files saved in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sit&amp;e:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Humanitarian visa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Humanitarian exceptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asylum claims: outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At migration control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days waited for a decision, by site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days waited for a decision, by gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days waited, by site and gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fewer than %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No testimonies yet. Import the researchers&apos; bundles to see the figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 testimonies from %2. %3 of them held a humanitarian visa; %4 of those were still refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n site(s)</source>
        <translation>
            <numerusform>%n site</numerusform>
            <numerusform>%n sites</numerusform>
        </translation>
    </message>
    <message>
        <source>Exact counts, small groups included: for internal use only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held one and were still refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held one and were not refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>met an exception and were still refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>met an exception and were not refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>met none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gender %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gender not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withheld by k-anonymity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withheld: text not released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withheld by the safety net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withheld: not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days waited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not given (n=%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers the figures lack: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some interviews came in bundles of older programs, which do not say what they withheld: some counted as not given may have been withheld.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a team (lead)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a team (researcher)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team file carries the study name, your public key, every questionnaire installed in this vault and the site list. Give it to each researcher and read your fingerprint out to them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the team file as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Study name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create the team file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the study a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team file is saved as %1. Read this fingerprint out to each researcher when you give it to them:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Team file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the team file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smallest group size for exports (k): %1, set by the team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study: %1
Questionnaires: %2
Sites: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You joined the team: its questionnaires and sites are installed, and your bundles will be addressed to this lead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give your public-key file to the team lead and read this fingerprint out to them, so they know your bundles come from you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name, as the lead knows you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the key file as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a&amp;s:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save my &amp;public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamMenu</name>
    <message>
        <source>&amp;Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create a team…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join a team…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My &amp;key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add a researcher…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a rep&amp;ort…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for the team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This vault leads the team: it imports the researchers&apos; bundles and does not export any.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This vault has not joined a team yet. A bundle can only be opened by your team lead, so first open the team file the lead gave you and check the lead&apos;s fingerprint.

Join a team now?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeInput</name>
    <message>
        <source>HH:MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: enter a time as HH:MM.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Testimonio is locked</source>
        <extracomment>Seconds to wait after the second failure; doubles after each further one.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your passphrase to open the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase, repeated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recovery key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;peat it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I &amp;forgot the passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ &amp;Back to the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <extracomment>True once the recovery key opened the vault (a confirmation is shown).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the recovery key you wrote down when the vault was created, then choose a new passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock and set the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your passphrase first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the recovery key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a stronger new passphrase (at least {n} characters, several words).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two new passphrases are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault is open and your new passphrase is set: use it from now on. The recovery key still opens the vault; keep the paper safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That recovery key does not open this vault. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase does not open this vault. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The vault&apos;s files are damaged or were changed. Nothing was opened. Restore the vault from a backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no vault in this place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>That passphrase does not open this vault. Wait %n second(s) before trying again.</source>
        <translation>
            <numerusform>That passphrase does not open this vault. Wait %n second before trying again.</numerusform>
            <numerusform>That passphrase does not open this vault. Wait %n seconds before trying again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VaultWarnings</name>
    <message>
        <source>The vault&apos;s recovery-key slot is damaged, so the recovery key can no longer open it; the passphrase still does. Keep a backup of the vault folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WaffleChart</name>
    <message>
        <source>%1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Chart</name>
    <message>
        <source>No data yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Counted</name>
    <message numerus="yes">
        <source>%n interview(s) share — {0}</source>
        <translation>
            <numerusform>%n interview shares — {0}</numerusform>
            <numerusform>%n interviews share — {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_DateField</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the date on a calendar (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar</source>
        <extracomment>Whether a day (``YYYY-MM-DD``) may be answered; None checks nothing.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DD/MM/YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days in grey are not accepted by this question.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_NumberInput</name>
    <message>
        <source>Not saved: enter a number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_SearchableList</name>
    <message>
        <source>Type to search the choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
