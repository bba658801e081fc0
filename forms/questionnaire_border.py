"""border_testimony: testimony of a person on the move at the Peru–Ecuador border.

Grounded in ../shared/domain/border-interviews.md. Consent comes first; every
other question sits in groups that are relevant only once consent is given.
Privacy choices (see docs/questionnaires.md):

- ``alias`` is ``safe``: it is how cases are told, and the only name that
  ever appears in a report.
- real name, document numbers, phone, and photos of documents are
  ``identifier``: they never leave the researcher's vault.
- gender, age (bands of 10 years), companions' ages (bands of 5), occupation
  and the dates of the journey and the claim (month) are ``quasi``.
- free-text accounts and quotes keep the default: they leave only after a
  researcher has reviewed each answer, because people name relatives, towns
  and officials in their own words.
"""

from __future__ import annotations

from build_forms import (
    YES_NO,
    YES_NO_DK,
    Choices,
    begin,
    date_q,
    end,
    q,
)

CONSENTED = "${consent} = 'yes'"

SETTINGS = {
    "form_title": "Testimonio en frontera / Border testimony",
    "form_id": "border_testimony",
    "version": "2026120401",
    "default_language": "Español (es)",
}

SURVEY = [
    q("start", "start"),
    q("end", "end"),
    q("today", "interview_date"),
    # --- consent -----------------------------------------------------------------
    q("note", "intro", (
        "Presente el proyecto, explique que la participación es voluntaria, que puede "
        "parar en cualquier momento y que solo se publicará un alias.",
        "Introduce the project; explain that taking part is voluntary, that they can stop "
        "at any time and that only an alias will ever be published.")),
    q("select_one yes_no", "consent", (
        "¿La persona da su consentimiento informado para la entrevista?",
        "Does the person give informed consent to the interview?"), required=True,
        privacy="safe"),
    q("note", "no_consent", (
        "Sin consentimiento no se registra nada más. Agradezca y termine aquí.",
        "Without consent nothing else is recorded. Thank the person and stop here."),
        relevant="${consent} = 'no'"),
    # --- the person ----------------------------------------------------------------
    begin("group", "person", ("La persona", "The person"), relevant=CONSENTED),
    q("text", "alias", ("Alias", "Alias"), hint=(
        "El nombre con el que se contará el caso. Nunca el nombre real.",
        "The name the case will be told by. Never the real name."), required=True,
        constraint="string-length(.) >= 2 and string-length(.) <= 40", message=(
            "Entre 2 y 40 caracteres.", "Between 2 and 40 characters."), privacy="safe"),
    q("text", "real_name", ("Nombre real (opcional)", "Real name (optional)"), hint=(
        "Solo si la persona quiere que se registre. Nunca sale de este portátil.",
        "Only if the person wants it recorded. It never leaves this laptop."),
        privacy="identifier"),
    q("text", "document_number", ("Número de documento (opcional)",
                                  "Document number (optional)"), hint=(
        "Cédula o pasaporte. Nunca sale de este portátil.",
        "Identity card or passport. It never leaves this laptop."), privacy="identifier"),
    q("text", "phone", ("Teléfono de contacto (opcional)", "Contact phone (optional)"),
      constraint="regex(., '^[+0-9 ()-]{6,20}$')", message=(
          "Solo dígitos, espacios, +, ( ) y -.", "Digits, spaces, +, ( ) and - only."),
      privacy="identifier"),
    q("select_one gender", "gender", ("Género", "Gender"), required=True, privacy="quasi"),
    q("integer", "age", ("Edad (años)", "Age (years)"), required=True,
      constraint=". >= 0 and . <= 110", message=(
          "La edad debe estar entre 0 y 110 años.", "Age must be between 0 and 110 years."),
      privacy="quasi", band=10),
    q("select_one occupation", "occupation", ("Ocupación antes de salir",
                                              "Occupation before leaving"), privacy="quasi"),
    q("text", "occupation_other", ("¿Qué ocupación?", "Which occupation?"),
      relevant="${occupation} = 'other'"),
    end("group"),
    # --- companions ----------------------------------------------------------------
    begin("group", "travel", ("Con quién viaja", "Travelling with"), relevant=CONSENTED),
    q("select_one yes_no", "travels_with_others", (
        "¿Viaja con familiares u otras personas?", "Travelling with relatives or others?"),
      required=True),
    end("group"),
    begin("repeat", "companions", ("Acompañante", "Companion"),
          relevant="${consent} = 'yes' and ${travels_with_others} = 'yes'"),
    q("select_one relationship", "relationship", ("Relación", "Relationship"), required=True),
    q("integer", "companion_age", ("Edad (años)", "Age (years)"),
      constraint=". >= 0 and . <= 110", message=(
          "La edad debe estar entre 0 y 110 años.", "Age must be between 0 and 110 years."),
      privacy="quasi", band=5),
    q("select_multiple conditions", "companion_conditions", (
        "Embarazo, enfermedad o discapacidad", "Pregnancy, illness or disability"),
      constraint="not(selected(., 'none') and count-selected(.) > 1)", message=(
          "'Ninguna' no se combina con otras opciones.", "'None' cannot be combined with other options.")),
    q("calculate", "is_child", ("Es hijo o hija (1/0)", "Is a child of theirs (1/0)"), calculation="if(${relationship} = 'child', 1, 0)"),
    end("repeat"),
    q("calculate", "companion_count", ("Número de acompañantes", "Number of companions"), calculation="count(${companions})"),
    q("calculate", "children_count", ("Número de hijos e hijas", "Number of children"), calculation="sum(${is_child})"),
    # --- why they left -------------------------------------------------------------
    begin("group", "leaving", ("Por qué salió", "Why they left"), relevant=CONSENTED),
    q("select_multiple reasons", "reasons", ("Razones para salir de Venezuela",
                                             "Reasons for leaving Venezuela"), required=True),
    q("text", "reasons_other", ("Otra razón", "Other reason"),
      relevant="selected(${reasons}, 'other')", required=True),
    q("text", "account", ("Relato en sus palabras", "Account in their own words"), hint=(
        "Texto libre: no sale del portátil hasta que se revise.",
        "Free text: it does not leave the laptop until reviewed."), appearance="multiline"),
    end("group"),
    # --- route and dates -----------------------------------------------------------
    begin("group", "route", ("Ruta y fechas", "Route and dates"), relevant=CONSENTED),
    date_q("left_venezuela_date", ("Fecha de salida de Venezuela", "Date left Venezuela"),
           hint=("Si no recuerda el día, use el día 1 del mes.",
                 "If the day is not remembered, use the 1st of the month.")),
    q("select_one crossing", "crossing", (
        "Paso de Colombia a Ecuador", "Crossing from Colombia into Ecuador")),
    q("text", "crossing_other", ("¿Qué paso?", "Which crossing?"),
      relevant="${crossing} = 'other'"),
    date_q("arrival_border_date", ("Fecha de llegada a la frontera peruana",
                                   "Date reached the Peruvian border"),
           after="${left_venezuela_date}", after_msg=(
               "anterior a la salida de Venezuela", "before leaving Venezuela")),
    q("select_one destination", "destination", ("Destino previsto", "Intended destination"),
      required=True),
    q("text", "destination_other", ("¿Qué destino?", "Which destination?"),
      relevant="${destination} = 'other'"),
    end("group"),
    # --- documents -------------------------------------------------------------------
    begin("group", "documents", ("Documentos", "Documents"), relevant=CONSENTED),
    q("select_multiple documents_held", "documents_held", (
        "Documentos que tiene", "Documents held"), required=True,
      constraint="not(selected(., 'none') and count-selected(.) > 1)", message=(
          "'Ninguno' no se combina con otras opciones.", "'None' cannot be combined with other options.")),
    q("select_multiple documents_seen", "documents_seen", (
        "Documentos que el equipo vio", "Documents the team saw"), hint=(
        "Para corroborar el testimonio.", "To corroborate the testimony.")),
    q("select_one yes_no", "photo_consent", (
        "¿Acepta que se fotografíe algún documento?", "Does the person agree to a photo of a document?"),
      relevant="count-selected(${documents_seen}) > 0"),
    end("group"),
    begin("repeat", "document_photos", ("Foto de documento", "Document photo"),
          relevant="${consent} = 'yes' and ${photo_consent} = 'yes'"),
    q("select_one documents_seen", "photo_document", ("Documento", "Document"), required=True),
    q("image", "photo", ("Foto", "Photo"), hint=(
        "Se guarda cifrada y nunca sale del portátil.", "Stored encrypted; it never leaves the laptop."),
      required=True, privacy="identifier", parameters="max-pixels=2000"),
    end("repeat"),
    # --- entry attempt -------------------------------------------------------------
    begin("group", "entry", ("Intento de ingreso al Perú", "Attempt to enter Peru"),
          relevant=CONSENTED),
    q("select_one entry_result", "entry_result", ("Resultado en el control migratorio",
                                                  "Outcome at migration control"), required=True),
    q("select_multiple refusal_reasons", "refusal_reasons", (
        "Razón dada para el rechazo", "Reason given for the refusal"),
      relevant="${entry_result} = 'refused'", required=True),
    q("text", "refusal_reason_other", ("Otra razón", "Other reason"),
      relevant="selected(${refusal_reasons}, 'other')"),
    q("select_one yes_no_dk", "sent_to_asylum", ("¿Le enviaron a pedir refugio?",
                                                 "Were they sent to claim asylum?"),
      relevant="${entry_result} = 'refused'"),
    end("group"),
    # --- humanitarian exceptions ---------------------------------------------------
    begin("group", "exceptions", ("Excepciones humanitarias", "Humanitarian exceptions"),
          relevant=CONSENTED),
    q("select_multiple exception_criteria", "exception_criteria", (
        "Criterios de excepción que cumple (la persona o quien viaja con ella)",
        "Exception criteria met (by the person or those travelling with them)"),
      required=True,
      constraint="not(selected(., 'none') and count-selected(.) > 1)", message=(
          "'Ninguno' no se combina con otras opciones.", "'None' cannot be combined with other options.")),
    q("calculate", "exception_met", ("Cumple una excepción humanitaria", "Meets a humanitarian exception"), calculation=(
        "if(count-selected(${exception_criteria}) > 0 and "
        "not(selected(${exception_criteria}, 'none')), 'yes', 'no')")),
    q("select_one yes_no_dk", "exception_invoked", (
        "¿Lo hizo valer ante migraciones?", "Did they raise it with migration officers?"),
      relevant="${exception_met} = 'yes'"),
    end("group"),
    # --- asylum claim --------------------------------------------------------------
    begin("group", "asylum", ("Solicitud de refugio", "Asylum claim"), relevant=CONSENTED),
    q("select_one yes_no", "asylum_claimed", ("¿Presentó solicitud de refugio en la frontera?",
                                              "Did they claim asylum at the border?"),
      required=True),
    date_q("claim_date", ("Fecha de la solicitud", "Date the claim was filed"),
           relevant="${asylum_claimed} = 'yes'", after="${arrival_border_date}", after_msg=(
               "anterior a la llegada a la frontera", "before reaching the border")),
    q("integer", "interview_minutes", ("Duración de la entrevista de refugio (minutos)",
                                       "Length of the asylum interview (minutes)"),
      relevant="${asylum_claimed} = 'yes'", constraint=". >= 0 and . <= 600", message=(
          "Entre 0 y 600 minutos.", "Between 0 and 600 minutes.")),
    q("select_multiple asked_about", "asked_about", ("¿Qué le preguntaron?", "What were they asked?"),
      relevant="${asylum_claimed} = 'yes'"),
    q("select_one decision", "decision", ("Decisión", "Decision"),
      relevant="${asylum_claimed} = 'yes'", required=True),
    date_q("decision_date", ("Fecha de la decisión", "Date of the decision"),
           relevant="${asylum_claimed} = 'yes' and ${decision} != 'pending' "
                    "and ${decision} != 'not_processed'",
           after="${claim_date}", after_msg=(
               "anterior a la solicitud", "before the claim was filed")),
    # To the decision, or while it is pending to the day of the interview (the
    # stored metadata, so the figure does not grow when the form is reopened).
    q("calculate", "days_waited", ("Días de espera", "Days waited"), calculation=(
        "if(${claim_date} = '', '', int(decimal-date-time(if(${decision_date} != '', "
        "${decision_date}, ${interview_date})) - decimal-date-time(${claim_date})))")),
    q("note", "days_waited_note", (
        "Días de espera: ${days_waited}", "Days waited: ${days_waited}"),
      relevant="${days_waited} != ''"),
    q("select_one yes_no", "appeal1_filed", (
        "¿Presentó reconsideración (primera apelación)?",
        "Did they file for reconsideration (first appeal)?"),
      relevant="${decision} = 'rejected_written' or ${decision} = 'rejected_verbal'"),
    q("select_one appeal_outcome", "appeal1_outcome", ("Resultado de la reconsideración",
                                                      "Outcome of the reconsideration"),
      relevant="${appeal1_filed} = 'yes'"),
    q("select_one yes_no", "appeal2_filed", (
        "¿Presentó apelación (segunda instancia)?", "Did they file a second appeal?"), hint=(
        "Exige viajar a un consulado peruano en el extranjero.",
        "Requires travelling to a Peruvian consulate abroad."),
      relevant="${appeal1_outcome} = 'rejected'"),
    q("select_one appeal_outcome", "appeal2_outcome", ("Resultado de la apelación",
                                                      "Outcome of the second appeal"),
      relevant="${appeal2_filed} = 'yes'"),
    end("group"),
    # --- family in Peru or Chile ---------------------------------------------------
    begin("group", "family", ("Familia en Perú o Chile", "Family in Peru or Chile"),
          relevant=CONSENTED),
    q("select_one yes_no", "has_family_abroad", (
        "¿Tiene familia en Perú o en Chile?", "Do they have family in Peru or Chile?"),
      required=True),
    end("group"),
    begin("repeat", "family_members", ("Familiar", "Relative"),
          relevant="${consent} = 'yes' and ${has_family_abroad} = 'yes'"),
    q("select_one relationship", "family_relationship", ("Relación", "Relationship"),
      required=True),
    q("select_one family_country", "family_country", ("País", "Country"), required=True),
    q("select_one family_status", "family_status", ("Situación migratoria",
                                                    "Migration status"), required=True),
    end("repeat"),
    # --- conditions at the border --------------------------------------------------
    begin("group", "conditions", ("Condiciones en la frontera", "Conditions at the border"),
          relevant=CONSENTED),
    q("select_one sleeping_place", "sleeping_place", ("¿Dónde duerme?", "Where do they sleep?")),
    q("integer", "meals_per_day", ("Comidas por día", "Meals per day"),
      constraint=". >= 0 and . <= 10", message=("Entre 0 y 10.", "Between 0 and 10.")),
    q("select_one yes_no_dk", "showers", ("¿Tiene acceso a duchas?", "Access to showers?")),
    q("select_one yes_no_dk", "shade", ("¿Tiene sombra durante el día?", "Shade during the day?")),
    q("select_one health_care", "health_care", ("Atención de salud", "Health care")),
    end("group"),
    # --- quotes ------------------------------------------------------------------------
    begin("repeat", "quotes", ("Cita", "Quote"), relevant=CONSENTED),
    q("text", "quote_text", ("Cita textual", "Quote, word for word"), hint=(
        "Texto libre: no sale del portátil hasta que se revise.",
        "Free text: it does not leave the laptop until reviewed."), required=True,
      appearance="multiline"),
    q("select_one yes_no", "quote_citable", (
        "¿Acepta que se cite con su alias?", "Do they agree to be quoted under their alias?"),
      required=True),
    end("repeat"),
    q("text", "researcher_notes", ("Notas del equipo", "Researcher's notes"),
      relevant=CONSENTED, appearance="multiline"),
]

CHOICES: dict[str, Choices] = {
    "yes_no": YES_NO,
    "yes_no_dk": YES_NO_DK,
    "gender": [
        ("female", "Mujer", "Woman"), ("male", "Hombre", "Man"),
        ("other", "Otro", "Other"), ("no_answer", "Prefiere no decir", "Prefers not to say"),
    ],
    "occupation": [
        ("student", "Estudiante", "Student"), ("teacher", "Docente", "Teacher"),
        ("health", "Salud", "Health worker"),
        ("armed_forces", "Fuerzas armadas o policía", "Armed forces or police"),
        ("public_sector", "Empleo público", "Public employee"),
        ("trade", "Comercio", "Trade"), ("manual", "Oficio manual o construcción",
                                         "Manual trade or construction"),
        ("agriculture", "Agricultura", "Agriculture"),
        ("domestic", "Trabajo doméstico o de cuidado", "Domestic or care work"),
        ("unemployed", "Sin empleo", "Unemployed"), ("other", "Otra", "Other"),
    ],
    "relationship": [
        ("child", "Hijo/a", "Child"), ("partner", "Pareja", "Partner"),
        ("parent", "Madre o padre", "Parent"), ("sibling", "Hermano/a", "Sibling"),
        ("grandparent", "Abuelo/a", "Grandparent"),
        ("other_relative", "Otro familiar", "Other relative"),
        ("friend", "Amistad", "Friend"), ("other", "Otra", "Other"),
    ],
    "conditions": [
        ("pregnancy", "Embarazo", "Pregnancy"),
        ("chronic_illness", "Enfermedad grave o crónica", "Serious or chronic illness"),
        ("disability", "Discapacidad", "Disability"), ("none", "Ninguna", "None"),
    ],
    "reasons": [
        ("food", "Falta de alimentos", "Lack of food"),
        ("health_care", "Falta de atención médica", "Lack of health care"),
        ("threats", "Amenazas", "Threats"), ("detention", "Detención", "Detention"),
        ("political_persecution", "Persecución por actividad política",
         "Persecution for political activity"),
        ("desertion", "Deserción de las fuerzas armadas", "Desertion from the armed forces"),
        ("home_violence", "Violencia contra su hogar", "Violence against the home"),
        ("other", "Otra", "Other"),
    ],
    "crossing": [
        ("rumichaca", "Rumichaca", "Rumichaca"), ("other", "Otro paso", "Another crossing"),
        ("dont_know", "No sabe", "Does not know"),
    ],
    "destination": [
        ("peru", "Quedarse en el Perú", "Stay in Peru"),
        ("chile", "Seguir a Chile", "Go on to Chile"),
        ("other", "Otro país", "Another country"), ("undecided", "No ha decidido", "Undecided"),
    ],
    "documents_held": [
        ("id_card", "Solo cédula de identidad", "Identity card only"),
        ("passport", "Pasaporte", "Passport"),
        ("visa_peru", "Visa humanitaria peruana", "Peruvian humanitarian visa"),
        ("visa_ecuador", "Visa humanitaria ecuatoriana", "Ecuadorian humanitarian visa"),
        ("ecuador_stamps", "Sellos de entrada y salida de Ecuador",
         "Ecuadorian entry and exit stamps"),
        ("andean_card", "Tarjeta Andina de Migración", "Andean migration card"),
        ("ptp", "PTP de una estancia anterior", "Temporary stay permit (PTP) from an earlier stay"),
        ("birth_certificates", "Partidas de nacimiento de hijos/as",
         "Children's birth certificates"),
        ("none", "Ninguno", "None"),
    ],
    "documents_seen": [
        ("id_card", "Cédula de identidad", "Identity card"),
        ("passport", "Pasaporte", "Passport"), ("visa", "Visa", "Visa"),
        ("asylum_decision", "Decisión sobre la solicitud de refugio", "Asylum-claim decision"),
        ("medical_report", "Informe médico", "Medical report"),
        ("birth_certificate", "Partida de nacimiento", "Birth certificate"),
        ("travel_permission", "Permiso de viaje de un menor", "A parent's travel permission for a minor"),
        ("other", "Otro", "Other"),
    ],
    "entry_result": [
        ("allowed", "Le dejaron entrar", "Allowed in"), ("refused", "Rechazado/a", "Refused"),
        ("not_tried", "No lo intentó", "Did not try"),
    ],
    "refusal_reasons": [
        ("no_ecuador_stamps", "Sin sellos de Ecuador", "No Ecuadorian stamps"),
        ("no_passport", "Sin pasaporte", "No passport"), ("no_visa", "Sin visa", "No visa"),
        ("permit_blocked", "Permiso bloqueado", "Permit blocked"),
        ("none_given", "No le dieron razón", "No reason given"), ("other", "Otra", "Other"),
    ],
    "exception_criteria": [
        ("child_reunion", "Menor que se reúne con su madre o padre en el Perú",
         "Child reuniting with a parent in Peru"),
        ("over_60", "Persona mayor de 60 años", "Person over 60"),
        ("pregnancy", "Embarazo", "Pregnancy"),
        ("serious_illness", "Enfermedad grave o crónica", "Serious or chronic illness"),
        ("none", "Ninguno", "None"),
    ],
    "asked_about": [
        ("fear_persecution", "Temor de persecución", "Fear of persecution"),
        ("family_status", "Familia con estatus regular en el Perú",
         "Family with regular status in Peru"),
        ("reasons_leaving", "Razones para salir", "Reasons for leaving"),
        ("route", "Ruta", "Route"), ("documents", "Documentos", "Documents"),
        ("other", "Otro", "Other"),
    ],
    "decision": [
        ("admitted", "Admitida al procedimiento", "Admitted to the procedure"),
        ("rejected_written", "Rechazada por escrito", "Rejected in writing"),
        ("rejected_verbal", "Rechazada verbalmente, sin decisión escrita",
         "Rejected verbally, no written decision"),
        ("pending", "Pendiente", "Pending"), ("archived", "Archivada", "Archived"),
        ("not_processed", "\"No procesada\"", "\"Not processed\""),
    ],
    "appeal_outcome": [
        ("pending", "Pendiente", "Pending"), ("admitted", "Admitida", "Admitted"),
        ("rejected", "Rechazada", "Rejected"), ("no_answer", "Sin respuesta", "No answer"),
    ],
    "family_country": [("peru", "Perú", "Peru"), ("chile", "Chile", "Chile")],
    "family_status": [
        ("ptp", "PTP", "Temporary stay permit (PTP)"),
        ("foreigner_card", "Carné de extranjería", "Foreigner's card"),
        ("work_visa", "Visa de trabajo", "Work visa"),
        ("refugee", "Refugiado/a o solicitante", "Refugee or claimant"),
        ("irregular", "Sin papeles", "Irregular"), ("dont_know", "No sabe", "Does not know"),
    ],
    "sleeping_place": [
        ("dormitory", "Dormitorio", "Dormitory"), ("outside", "A la intemperie", "Outside"),
        ("tent", "Carpa", "Tent"), ("lodging", "Albergue u hospedaje", "Shelter or lodging"),
        ("other", "Otro", "Other"),
    ],
    "health_care": [
        ("received", "Recibió atención", "Received care"),
        ("not_received", "La necesitó y no la recibió", "Needed it, did not get it"),
        ("not_needed", "No la necesitó", "Did not need it"),
    ],
}
