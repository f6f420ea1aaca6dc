"""The deliveries module's manifest: vehicles, routes, trips with their results and settlement, and the
returnable containers' ledger."""

from __future__ import annotations

from bodesk.domain.common.postings import DocumentKind
from bodesk.domain.common.tones import Tone
from bodesk.domain.deliveries.container_models import ContainerDoc
from bodesk.domain.deliveries.permissions import (
    CONTAINERS_EDIT,
    DELIVERIES_VIEW,
    DELIVERY_SETTINGS,
    FLEET_EDIT,
    TRIPS_PLAN,
    TRIPS_SETTLE,
)
from bodesk.domain.deliveries.trip_models import Trip
from bodesk.domain.modules import Check, DemoStep, Lazy, Module, Option, Report, SearchProvider, WorkItem
from bodesk.i18n import N_, NP_

CHECKS = "bodesk.domain.deliveries.checks"
REPORTS = "bodesk.reports.deliveries_cli"
WORK = "bodesk.domain.deliveries.work"
TRIP = Option("--trip", N_("the trip's number"), "NUMBER")
CUSTOMER = Option("--customer", N_("the customer's code"), "CODE")
FROM = Option("--from", N_("the first day (dd/mm/yyyy or yyyy-mm-dd; default: 30 days before --to)"), "DAY")
TO = Option("--to", N_("the last day (default: today)"), "DAY")

MODULE = Module(
    key="deliveries",
    title=N_("Deliveries"),
    depends_on=("access", "company", "stock", "purchasing", "sales"),
    permissions=(DELIVERIES_VIEW, FLEET_EDIT, TRIPS_PLAN, TRIPS_SETTLE, CONTAINERS_EDIT, DELIVERY_SETTINGS),
    audit_actions={
        "vehicle.add": N_("Vehicle added"),
        "vehicle.update": N_("Vehicle changed"),
        "delivery_person.add": N_("Driver or helper added"),
        "route.add": N_("Route added"),
        "route.stops": N_("Route stops set"),
        "trip.plan": N_("Trip planned"),
        "trip.update": N_("Trip changed"),
        "trip.depart": N_("Trip departed"),
        "trip.cancel": N_("Trip cancelled"),
        "trip.result": N_("Delivery result recorded"),
        "trip.settle": N_("Trip settled"),
        "trip.close": N_("Trip closed"),
        "container_type.add": N_("Container type added"),
        "container.link": N_("Product's containers set"),
        "container.allowance": N_("Container allowance set"),
        "container_doc.add": N_("Containers recorded"),
        "deliveries.settings": N_("Delivery settings changed"),
    },
    audit_records={
        "vehicle": N_("Vehicle"),
        "delivery_person": N_("Driver or helper"),
        "route": N_("Route"),
        "trip": N_("Trip"),
        "container_type": N_("Container type"),
        "container_doc": N_("Container document"),
        "delivery_settings": N_("Delivery settings"),
    },
    audit_fields={
        "plate": N_("Plate"),
        "capacity_kg": N_("Capacity (kg)"),
        "capacity_cases": N_("Capacity (cases)"),
        "stops": N_("Stops"),
        "orders": N_("Orders"),
        "result": N_("Result"),
        "differences": N_("Differences"),
        "deposit": N_("Deposit"),
        "allowed": N_("Allowed"),
        "back": N_("Brought back"),
        "block_over_capacity": N_("Refuse trips over capacity"),
        "cancelled": N_("Cancelled"),
        "delivered": N_("Delivered"),
        "reason": N_("Reason"),
        "stop": N_("Stop"),
        "weekdays": N_("Weekdays"),
    },
    documents=(
        DocumentKind("trip", N_("Trip"), Trip),
        DocumentKind("container_doc", N_("Container document"), ContainerDoc),
    ),
    checks=(
        Check(
            "deliveries.container_balances",
            N_("Each customer's container balance equals its container moves"),
            Lazy(f"{CHECKS}:balances_equal_ledger"),
        ),
        Check(
            "deliveries.trucks_empty",
            N_("No stock is left on the truck of a closed trip"),
            Lazy(f"{CHECKS}:closed_trucks_empty"),
        ),
        Check(
            "deliveries.trips_settled",
            N_("Each closed trip has a result at every stop"),
            Lazy(f"{CHECKS}:closed_trips_complete"),
        ),
    ),
    demo=(DemoStep(45, "deliveries", Lazy("bodesk.domain.deliveries.demo:demo_deliveries")),),
    search=(SearchProvider("trip", Lazy("bodesk.domain.deliveries.search:trip_hits")),),
    reports=(
        Report("load-manifest", N_("a trip's load manifest"), Lazy(f"{REPORTS}:load_manifest"), (TRIP,)),
        Report(
            "container-statement",
            N_("a customer's returnable containers statement"),
            Lazy(f"{REPORTS}:container_statement"),
            (CUSTOMER,),
        ),
        Report("deliveries", N_("deliveries in a period"), Lazy(f"{REPORTS}:deliveries"), (FROM, TO)),
    ),
    work=(
        WorkItem(
            "deliveries.to_settle",
            NP_("{n} trip on the road to settle", "{n} trips on the road to settle"),
            TRIPS_SETTLE,
            Lazy(f"{WORK}:trips_to_settle"),
            Tone.INFO,
            order=28,
        ),
    ),
)
