-- A list's description in the reader's languages, as JSON {"fr": "...", ...}; the description column stays the English
-- one and is shown where a language has none. The two lists CECOP starts with get theirs while their English
-- description is still the one they were created with.
ALTER TABLE lists ADD COLUMN descriptions TEXT NOT NULL DEFAULT '{}';

UPDATE lists SET descriptions = json_object(
    'fr', 'Lettre d''information publique sur les affaires sociales de l''UE et la veille législative.',
    'it', 'Newsletter pubblica sugli affari sociali dell''UE e sul monitoraggio legislativo.',
    'es', 'Boletín público sobre asuntos sociales de la UE y seguimiento legislativo.',
    'de', 'Öffentlicher Newsletter zur EU-Sozialpolitik und zur Beobachtung der Gesetzgebung.',
    'pl', 'Publiczny newsletter o sprawach społecznych UE i monitoringu legislacyjnym.',
    'pt', 'Newsletter pública sobre assuntos sociais da UE e acompanhamento legislativo.')
WHERE slug = 'external-newsletter' AND description = 'Public newsletter on EU social affairs and legislative monitoring.';

UPDATE lists SET descriptions = json_object(
    'fr', 'Lettre d''information interne réservée aux personnes de contact des organisations membres.',
    'it', 'Newsletter interna riservata ai referenti delle organizzazioni socie.',
    'es', 'Boletín interno reservado a las personas de contacto de las organizaciones miembro.',
    'de', 'Interner Newsletter nur für die Kontaktpersonen der Mitgliedsorganisationen.',
    'pl', 'Wewnętrzny newsletter wyłącznie dla osób kontaktowych organizacji członkowskich.',
    'pt', 'Newsletter interna reservada às pessoas de contacto das organizações membros.')
WHERE slug = 'cecop-link' AND description = 'Members-only internal newsletter for contact persons of member organisations.';
