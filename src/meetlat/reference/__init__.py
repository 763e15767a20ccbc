"""Reference data: every Dutch municipality (RvIG Tabel 33), its province, its mergers
and its population per year.

``from meetlat import reference``; then ``reference.municipalities_on(date)``,
``reference.get(code)``, ``reference.population(code, year)``,
``reference.successor(code, date)``, ``reference.size_class(inhabitants)``,
``reference.province(code)``. The sources and how the tables were derived are in
``data/SOURCES.md``.
"""

from meetlat.reference.service import (
    SIZE_CLASSES,
    Municipality,
    NoPopulation,
    Population,
    SizeClass,
    UnknownMunicipality,
    all_municipalities,
    exists,
    get,
    municipalities_on,
    normalise_code,
    population,
    population_by_year,
    predecessors,
    province,
    size_class,
    successor,
)

__all__ = [
    "SIZE_CLASSES",
    "Municipality",
    "NoPopulation",
    "Population",
    "SizeClass",
    "UnknownMunicipality",
    "all_municipalities",
    "exists",
    "get",
    "municipalities_on",
    "normalise_code",
    "population",
    "population_by_year",
    "predecessors",
    "province",
    "size_class",
    "successor",
]
