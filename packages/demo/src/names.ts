/**
 * The pools the generator draws names from: organisations, states, specialties, suburbs, people, and the demo
 * organisation's clinics, whose names are every awkward spelling a spreadsheet or CSV writer must survive.
 */

/** Names and e-mail domains of the organisations after the demo one (numbered once they run out). */
export const orgNames = [
  ["Metro Health", "metro"],
  ["Coastal Care Network", "coastal"],
  ["Inland Medical Group", "inland"],
  ["Southern Cross Telehealth", "southerncross"],
  ["Bayside Clinics", "bayside"],
  ["Northern Rivers Health", "northernrivers"]
] as const

/** Australian states and territories. */
export const states = ["NSW", "VIC", "QLD", "SA", "WA", "TAS", "ACT", "NT"]

/** Clinic and organisation specialties. */
export const specialties = [
  "Cardiology",
  "Dermatology",
  "Endocrinology",
  "General Practice",
  "Mental Health",
  "Paediatrics",
  "Physiotherapy",
  "Oncology",
  "Renal Medicine",
  "Respiratory",
  "Sleep Medicine",
  "Wound Care"
]

/** Suburbs that name the clinics of the other organisations. */
export const suburbs = ["Parramatta", "Newcastle", "Wollongong", "Geelong", "Ballarat", "Townsville", "Cairns", "Dubbo", "Orange"]

/** Demo organisation clinics: every awkward spelling a spreadsheet or CSV writer must survive. */
export const demoClinicNames: ReadonlyArray<readonly [string, string]> = [
  [`Cardiology, "North"`, "Cardiology"],
  ["Clínica Señor Ávila", "General Practice"],
  ["=Pathology", "Pathology"],
  ["+Plus Clinic", "General Practice"],
  ["-Minus Dermatology", "Dermatology"],
  ["@home visits", "Community Care"],
  ["Paediatrics (Ward 7; \"Koala\")", "Paediatrics"],
  ["Mental Health – Après-midi", "Mental Health"]
]

/** Given names of staff, with accents and apostrophes on purpose. */
export const firstNames = [
  "Ann", "Ben", "Chloé", "Dev", "Emily", "Farah", "George", "Hana", "Isaac", "Jess", "Kai", "Liam", "Mei", "Noah",
  "Olivia", "Priya", "Quinn", "Ruby", "Sam", "Tariq", "Uma", "Vikram", "Wen", "Xavier", "Yusuf", "Zoë", "Siobhán",
  "José", "Ngaio", "Aroha", "Mia", "Leo", "Grace", "Oscar", "Ava", "Hamish"
]

/** Family names of staff. */
export const lastNames = [
  "Lee", "Nguyễn", "Smith", "O'Brien", "Patel", "Chen", "Williams", "Kowalski", "Müller", "Jones", "Singh", "Brown",
  "García", "Wilson", "Taylor", "Anderson", "Murphy", "Kelly", "Martin", "Tran", "Rossi", "Khan", "Walker", "Young",
  "D'Souza", "Hughes", "Ng", "Papadopoulos"
]

/** A lower-case ASCII slug of a name (accents dropped), for e-mail addresses and subdomains. */
export const slug = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
