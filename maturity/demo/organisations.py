"""The demo organisations: the 14 municipalities of Fyrbodal and their joint IT organisation."""

MUNICIPALITIES = [
    "Bengtsfors",
    "Dals-Ed",
    "Färgelanda",
    "Lysekil",
    "Mellerud",
    "Munkedal",
    "Orust",
    "Sotenäs",
    "Strömstad",
    "Tanum",
    "Trollhättan",
    "Uddevalla",
    "Vänersborg",
    "Åmål",
]
#: The joint IT organisation, counted as an organisation of its own.
JOINT_IT = "SML-IT"
ORGANISATIONS = [*MUNICIPALITIES, JOINT_IT]
