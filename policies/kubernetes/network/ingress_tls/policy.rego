# METADATA
# title: Ingresses serve over TLS for every host
# description: >-
#   Prompts, completions and API keys travel in the requests an Ingress routes; without TLS
#   they cross the network in clear text and can be read or altered. An Ingress fails when it
#   has no tls section, or when a host of its rules is not covered by any tls entry (exactly
#   or by a *. wildcard; a tls entry without hosts covers every host).
# custom:
#   id: AIP-K8S-017
#   severity: HIGH
#   category: encryption
#   guidelines: [deployment/infrastructure, deployment/model-protection]
#   resource_types:
#     - networking.k8s.io/Ingress
#   remediation: >-
#     Add a tls section naming every host with a certificate Secret (for example issued by
#     cert-manager) and redirect HTTP to HTTPS.
package aipolicy.kubernetes.network.ingress_tls

import rego.v1

deny contains finding if {
	some ingress in data.aipolicy.lib.resources.of_type(input, "networking.k8s.io/Ingress")
	not _has_tls(ingress)
	finding := data.aipolicy.lib.resources.finding(ingress, "spec.tls", "Ingress serves without TLS")
}

deny contains finding if {
	some ingress in data.aipolicy.lib.resources.of_type(input, "networking.k8s.io/Ingress")
	_has_tls(ingress)
	rules := object.get(ingress.attributes, ["spec", "rules"], [])
	is_array(rules)
	some i, rule in rules
	host := data.aipolicy.lib.kubernetes.get(rule, "host", null)
	is_string(host)
	not _covered(ingress.attributes.spec.tls, host)
	path := sprintf("spec.rules.%d.host", [i])
	finding := data.aipolicy.lib.resources.finding(
		ingress, path,
		"Ingress host is not covered by its TLS configuration",
	)
}

_has_tls(ingress) if {
	tls := object.get(ingress.attributes, ["spec", "tls"], [])
	is_array(tls)
	count(tls) > 0
}

_covered(tls, _) if {
	some entry in tls
	_no_hosts(data.aipolicy.lib.kubernetes.get(entry, "hosts", []))
}

_covered(tls, host) if {
	some entry in tls
	hosts := data.aipolicy.lib.kubernetes.get(entry, "hosts", [])
	is_array(hosts)
	some pattern in hosts
	_matches(pattern, host)
}

_no_hosts(hosts) if not is_array(hosts)

_no_hosts(hosts) if {
	is_array(hosts)
	count(hosts) == 0
}

_matches(pattern, host) if pattern == host

_matches(pattern, host) if {
	is_string(pattern)
	startswith(pattern, "*.")
	suffix := substring(pattern, 1, -1)
	endswith(host, suffix)
	not contains(trim_suffix(host, suffix), ".")
	trim_suffix(host, suffix) != ""
}
