"""official_meeting: a meeting with an official or an organisation.

These interviews are attributable to an institution, not to a person
(../shared/domain/border-interviews.md). So the institution, the role, the
date, the figures given and the statements marked for attribution are
``safe``; the official's own name is ``identifier``; background remarks
(not for attribution) keep the default and leave only after review.
"""

from __future__ import annotations

from build_forms import YES_NO, Choices, begin, date_q, end, q

SETTINGS = {
    "form_title": "Reunión con autoridad u organización / Meeting with an official or organisation",
    "form_id": "official_meeting",
    "version": "2026012601",
    "default_language": "Español (es)",
}

NON_NEGATIVE = ". >= 0"
NON_NEGATIVE_MSG = ("Debe ser 0 o más.", "It must be 0 or more.")

SURVEY = [
    q("start", "start"),
    q("end", "end"),
    q("text", "alias", ("Etiqueta corta de la reunión", "Short label for the meeting"), hint=(
        "Se muestra en la lista de entrevistas, p. ej. 'CEPR Lima 1'.",
        "Shown in the interview list, e.g. 'CEPR Lima 1'."), required=True,
      constraint="string-length(.) <= 40", message=("Hasta 40 caracteres.", "Up to 40 characters."),
      privacy="safe"),
    begin("group", "who", ("Institución", "Institution")),
    q("select_one institution", "institution", ("Institución", "Institution"), required=True,
      privacy="safe"),
    q("text", "institution_other", ("¿Qué institución?", "Which institution?"),
      relevant="${institution} = 'other' or ${institution} = 'civil_society'", required=True,
      privacy="safe"),
    q("text", "office", ("Oficina o sede", "Office or branch"), hint=(
        "P. ej. 'CEBAF Tumbes', 'Lima, sede central'.", "E.g. 'CEBAF Tumbes', 'Lima head office'."),
      privacy="safe"),
    q("text", "role", ("Cargo de la persona entrevistada", "Role of the person met"),
      required=True, privacy="safe"),
    q("text", "official_name", ("Nombre de la persona (opcional)", "Name of the person (optional)"),
      hint=("Nunca sale de este portátil.", "It never leaves this laptop."), privacy="identifier"),
    date_q("meeting_date", ("Fecha de la reunión", "Date of the meeting"), required=True,
           privacy="safe"),
    end("group"),
    q("select_multiple topics", "topics", ("Temas tratados", "Topics discussed"), required=True),
    q("text", "topics_other", ("Otro tema", "Other topic"),
      relevant="selected(${topics}, 'other')", privacy="safe"),
    # --- official figures ------------------------------------------------------------
    begin("group", "figures", ("Cifras oficiales", "Official figures"),
          relevant="selected(${topics}, 'figures')"),
    q("note", "figures_note", (
        "Registre las cifras tal como las dio la institución.",
        "Record the figures as the institution gave them.")),
    q("date", "period_from", ("Periodo: desde", "Period: from"), privacy="safe"),
    q("date", "period_to", ("Periodo: hasta", "Period: to"), privacy="safe",
      constraint="${period_from} = '' or . >= ${period_from}", message=(
          "Debe ser posterior al inicio del periodo.", "It must be after the start of the period.")),
    q("integer", "claims_total", ("Solicitudes de refugio recibidas", "Asylum claims received"),
      constraint=NON_NEGATIVE, message=NON_NEGATIVE_MSG, privacy="safe"),
    q("integer", "claims_admitted", ("Admitidas", "Admitted"),
      constraint=NON_NEGATIVE, message=NON_NEGATIVE_MSG, privacy="safe"),
    q("integer", "claims_denied", ("Denegadas", "Denied"),
      constraint=NON_NEGATIVE, message=NON_NEGATIVE_MSG, privacy="safe"),
    q("integer", "claims_in_process", ("En trámite", "In process"),
      constraint=NON_NEGATIVE, message=NON_NEGATIVE_MSG, privacy="safe"),
    q("integer", "claims_archived", ("Archivadas", "Archived"), privacy="safe",
      constraint=". >= 0 and (${claims_total} = '' or coalesce(${claims_admitted}, 0) + "
                 "coalesce(${claims_denied}, 0) + coalesce(${claims_in_process}, 0) + . "
                 "<= ${claims_total})",
      message=("No puede ser negativo, y la suma de las partes no puede superar el total.",
               "It cannot be negative, and the parts cannot add up to more than the total.")),
    q("text", "figures_source", ("Fuente de las cifras", "Source of the figures"), hint=(
        "P. ej. 'respuesta escrita de la Cancillería'.", "E.g. 'written answer from the foreign ministry'."),
      privacy="safe"),
    end("group"),
    # --- statements ----------------------------------------------------------------------
    begin("repeat", "statements", ("Declaración atribuible", "Attributable statement")),
    q("text", "statement", ("Declaración", "Statement"), hint=(
        "Solo lo que la institución acepta que se le atribuya.",
        "Only what the institution agrees to have attributed to it."), required=True,
      appearance="multiline", privacy="safe"),
    q("select_one yes_no", "verbatim", ("¿Es textual?", "Is it verbatim?")),
    end("repeat"),
    q("text", "background", ("Información de contexto (no atribuible)",
                             "Background (not for attribution)"), hint=(
        "Texto libre: no sale del portátil hasta que se revise.",
        "Free text: it does not leave the laptop until reviewed."), appearance="multiline"),
    q("select_multiple documents_received", "documents_received", (
        "Documentos recibidos", "Documents received")),
    q("file", "document_file", ("Documento recibido (archivo)", "Document received (file)"),
      relevant="count-selected(${documents_received}) > 0 and "
               "not(selected(${documents_received}, 'none'))", privacy="safe"),
    q("select_one yes_no", "follow_up", ("¿Hace falta seguimiento?", "Is a follow-up needed?")),
]

CHOICES: dict[str, Choices] = {
    "yes_no": YES_NO,
    "institution": [
        ("cepr", "Comisión Especial para los Refugiados (CEPR)",
         "Special Commission for Refugees (CEPR)"),
        ("migration", "Superintendencia Nacional de Migraciones", "Migration authority"),
        ("police", "Policía Nacional", "National police"),
        ("ombudsman", "Defensoría del Pueblo", "Ombudsman's office"),
        ("unhcr", "ACNUR", "UNHCR"), ("iom", "OIM", "IOM"),
        ("civil_society", "Sociedad civil", "Civil society"), ("other", "Otra", "Other"),
    ],
    "topics": [
        ("border_admission", "Admisión en la frontera", "Admission at the border"),
        ("asylum_procedure", "Procedimiento de refugio", "Asylum procedure"),
        ("humanitarian_visa", "Visa humanitaria", "Humanitarian visa"),
        ("exceptions", "Excepciones humanitarias", "Humanitarian exceptions"),
        ("children", "Niños, niñas y adolescentes", "Children"),
        ("conditions", "Condiciones en la frontera", "Conditions at the border"),
        ("figures", "Cifras", "Figures"), ("other", "Otro", "Other"),
    ],
    "documents_received": [
        ("statistics", "Estadísticas", "Statistics"),
        ("regulation", "Norma o protocolo", "Regulation or protocol"),
        ("letter", "Respuesta escrita", "Written answer"), ("none", "Ninguno", "None"),
    ],
}
