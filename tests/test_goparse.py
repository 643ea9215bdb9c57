"""Go's address parsing (macplan.docker.goparse): where Python's parsers are more lenient than
Go's, macplan must refuse what Docker refuses."""
import ipaddress

import pytest

import macplan
from macplan.docker.goparse import GoError, go_prefix, parse_cidr, parse_prefix

ARABIC_24 = "\u0662\u0664"  # "٢٤": str.isdigit() and int() take it, Go's dtoi reads '0'-'9' only


def said(script, engine):
    result = macplan.check(macplan.parse_script(script, interfaces=("eth0",)), engine=engine).networks[-1]
    errors = [f for f in result.findings if f.severity == "error"]
    return result.accepted, (errors[0].docker_error if errors else None)


@pytest.mark.parametrize("text", [f"10.0.0.0/{ARABIC_24}", f"fd00::/{ARABIC_24}"])
def test_parse_cidr_reads_ascii_digits_only(text):
    with pytest.raises(GoError, match="invalid CIDR address"):
        parse_cidr(text)


@pytest.mark.parametrize("text", [f"10.0.0.0/{ARABIC_24}", f"fd00::/{ARABIC_24}",
                                  "10.0.0.0/255.255.255.0", "10.0.0.0/0.0.0.255", "10.0.0.0/"])
def test_parse_prefix_refuses_what_netip_refuses(text):
    # netip.ParsePrefix: "bad bits after slash"; Python's ip_interface takes a netmask or hostmask
    assert parse_prefix(text) is None


def test_parse_prefix_keeps_the_address_as_written():
    p = parse_prefix("10.0.0.5/024")
    assert p == ipaddress.IPv4Interface("10.0.0.5/24")
    assert go_prefix(p) == "10.0.0.5/24" and go_prefix(p.network) == "10.0.0.0/24"
    assert go_prefix(parse_prefix("::ffff:10.20.0.0/120")) == "::ffff:10.20.0.0/120"


@pytest.mark.parametrize("engine,text", [
    ("20.10", f"Invalid subnet 10.2.0.0/{ARABIC_24} : invalid CIDR address: 10.2.0.0/{ARABIC_24}"),
    ("29", f"invalid subnet 10.2.0.0/{ARABIC_24}: invalid CIDR block notation"),
])
def test_a_prefix_length_in_other_digits_is_refused(engine, text):
    script = f"docker network create -d macvlan --subnet 10.2.0.0/{ARABIC_24} -o parent=eth0 n3\n"
    accepted, error = said(script, engine)
    assert not accepted and error is not None and text in error


def test_a_netmask_subnet_fails_validate_ipam_from_engine_25():
    script = "docker network create -d macvlan --subnet 10.0.0.0/255.255.255.0 -o parent=eth0 n1\n"
    assert said(script, "29") == (False, "invalid network config:\n"
                                         "invalid subnet 10.0.0.0/255.255.255.0: invalid CIDR block notation")
