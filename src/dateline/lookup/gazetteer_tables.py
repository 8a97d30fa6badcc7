"""Fixed tables the gazetteer index is built with (``gazetteer_build.py``): newspaper short forms
of countries, demonyms the packages lack, GeoNames reference points of large countries, US,
Canadian and Australian abbreviations. Part of the index version (``gazetteer._versions``)."""

from __future__ import annotations

EXTRA_COUNTRY = {  # short forms newspapers use that the package aliases lack
    "USA": "US|U.S.|U.S.A.|USA|America|United States of America|the States",
    "GBR": "UK|U.K.|Britain|Great Britain|United Kingdom",
    "COD": "DRC|DR Congo|D.R. Congo|Congo-Kinshasa|Democratic Republic of Congo",
    "COG": "Congo-Brazzaville|Republic of Congo",
    "CIV": "Ivory Coast",
    "MMR": "Burma",
    "PRK": "North Korea|DPRK",
    "KOR": "South Korea",
    "ARE": "UAE|U.A.E.|Emirates",
    "CZE": "Czechia",
    "TUR": "Turkiye|Türkiye",
    "NLD": "Holland",
    "BIH": "Bosnia",
    "VAT": "Vatican",
    "MKD": "Macedonia",
    "SWZ": "Swaziland",
    "CPV": "Cape Verde",
    "TLS": "East Timor",
    "GMB": "The Gambia",
    "SAU": "Saudi",
    "PSE": "Palestine|Palestinian Territories|Occupied Palestinian Territories",
    "LAO": "Laos",
    "SYR": "Syria",
    "IRN": "Iran",
    "RUS": "Russia",
    "VNM": "Vietnam",
    "BOL": "Bolivia",
    "TZA": "Tanzania",
}
EXTRA_DEMONYMS = {
    "USA": "American|Americans",
    "GBR": "British|Briton|Britons|English|Scottish|Welsh",
    "PSE": "Palestinian|Palestinians",
    "ISR": "Israeli|Israelis",
    "NLD": "Dutch",
    "FRA": "French",
    "CHN": "Chinese",
    "JPN": "Japanese",
    "CHE": "Swiss",
    "IRL": "Irish",
    "ESP": "Spanish|Spaniard",
    "TUR": "Turkish|Turk|Turks",
    "DNK": "Danish|Dane|Danes",
    "SWE": "Swedish|Swede|Swedes",
    "POL": "Polish|Pole|Poles",
    "FIN": "Finnish|Finn|Finns",
    "NZL": "New Zealander|Kiwi",
    "PHL": "Filipino|Filipinos|Philippine",
    "AFG": "Afghan|Afghans|Afghani",
    "IRQ": "Iraqi|Iraqis",
    "SAU": "Saudi|Saudis",
    "ARE": "Emirati|Emiratis",
    "KOR": "South Korean|South Koreans",
    "PRK": "North Korean|North Koreans",
    "LBN": "Lebanese",
    "SDN": "Sudanese",
    "SSD": "South Sudanese",
    "PAK": "Pakistani|Pakistanis",
    "BGD": "Bangladeshi|Bangladeshis",
    "VNM": "Vietnamese",
}
COUNTRY_POINT = {  # GeoNames reference points where the factbook point in countryinfo is >100 km away
    "USA": (39.76, -98.5),
    "CAN": (60.10867, -113.64258),
    "AUS": (-25.0, 135.0),
    "JPN": (35.68536, 139.75309),
    "IND": (22.0, 79.0),
    "GBR": (54.75844, -2.69531),
    "DEU": (51.5, 10.5),
}
US_ABBR = (  # AP/newspaper style abbreviations (postal codes are added from the ISO codes)
    "AL Ala.|AZ Ariz.|AR Ark.|CA Calif.|CO Colo.|CT Conn.|DE Del.|FL Fla.|GA Ga.|IL Ill.|IN Ind.|KS Kan."
    "|KS Kans.|KY Ky.|LA La.|MD Md.|MA Mass.|MI Mich.|MN Minn.|MS Miss.|MO Mo.|MT Mont.|NE Neb.|NE Nebr."
    "|NV Nev.|NH N.H.|NJ N.J.|NM N.M.|NY N.Y.|NC N.C.|ND N.D.|OK Okla.|OR Ore.|OR Oreg.|PA Pa.|PA Penn."
    "|RI R.I.|SC S.C.|SD S.D.|TN Tenn.|TX Tex.|VT Vt.|VA Va.|WA Wash.|WV W.Va.|WV W. Va.|WI Wis.|WY Wyo."
    "|DC D.C."
)
CA_ABBR = "BC B.C.|ON Ont.|QC Que.|AB Alta.|MB Man.|SK Sask.|NS N.S.|NB N.B.|NL Nfld.|PE P.E.I."
AU_ABBR = "NSW NSW|QLD Qld|VIC Vic.|TAS Tas.|ACT ACT"

# Demonyms that name an area rather than a country, as places: "English" is England (the country
# demonym, British, stays the United Kingdom), "Kurdish" Kurdistan, "European" Europe. Keys are
# folded (gazetteer.fold) and singular (a final "s" is dropped before the look-up); values are the
# names the gazetteer holds (an admin1 area, a region, a continent). A name not in the index is skipped.
DEMONYM_AREAS = {
    # nations of the United Kingdom
    "english": "England",
    "scottish": "Scotland",
    "scot": "Scotland",
    "welsh": "Wales",
    "northern irish": "Northern Ireland",
    # peoples and regions within or across states
    "kurdish": "Kurdistan",
    "kurd": "Kurdistan",
    "tibetan": "Tibet",
    "basque": "Basque Country",
    "catalan": "Catalonia",
    "kashmiri": "Kashmir",
    "chechen": "Chechnya",
    "flemish": "Flanders",
    "sicilian": "Sicily",
    "bavarian": "Bavaria",
    "crimean": "Crimea",
    "punjabi": "Punjab",
    "darfuri": "Darfur",
    "arab": "Middle East",
    # continents and world regions
    "european": "Europe",
    "african": "Africa",
    "asian": "Asia",
    "middle eastern": "Middle East",
    "north african": "North Africa",
    "west african": "West Africa",
    "east african": "East Africa",
    "sub saharan": "Sub-Saharan Africa",
    "sahelian": "Sahel",
    "latin american": "Latin America",
    "south american": "South America",
    "central american": "Central America",
    "north american": "North America",
    "southeast asian": "Southeast Asia",
    "central asian": "Central Asia",
    "scandinavian": "Scandinavia",
    "balkan": "Balkans",
    "arctic": "Arctic",
}
