"""certfleet's additions to moto 5.2.1: operations certfleet calls that this moto does not implement, written to AWS's
documented behaviour (API reference of each operation) and nothing more. Loaded into the moto server process before
it starts, by MotoServer (tests, demo, certfleet's commands) and localstack/moto.sh.

- API Gateway (REST) UpdateDomainName: PATCH /domainnames/{domainName} with JSON Patch "replace" operations on
  /certificateArn, /regionalCertificateArn, /certificateName, /regionalCertificateName, /securityPolicy; the
  certificate must exist in ACM (BadRequestException otherwise); answers the updated DomainName.
- API Gateway v2 (HTTP) UpdateDomainName: PATCH /v2/domainnames/{domainName} replacing DomainNameConfigurations
  (and MutualTlsAuthentication when given); each configuration's certificate must exist in ACM.
"""
import json
from urllib.parse import unquote

from moto.acm.models import acm_backends
from moto.apigateway.responses import APIGatewayResponse
from moto.apigatewayv2.responses import ApiGatewayV2Response

_REST_PATHS = {
    "/certificateArn": "certificate_arn",
    "/regionalCertificateArn": "regional_certificate_arn",
    "/certificateName": "certificate_name",
    "/regionalCertificateName": "regional_certificate_name",
    "/securityPolicy": "security_policy",
}


def _bad_request(message):
    return 400, {"status": 400, "x-amzn-errortype": "BadRequestException"}, json.dumps(
        {"__type": "BadRequestException", "message": message})


def _certificate_missing(account_id, region, arn):
    if not arn:
        return None
    try:
        acm_backends[account_id][arn.split(":")[3]].get_certificate(arn)
        return None
    except Exception:  # moto's CertificateNotFound
        return f"Certificate {arn} not found in ACM"


def _rest_update_domain_name(self):
    domain = self.backend.get_domain_name(unquote(self.path.split("/")[2]))
    operations = json.loads(self.body or "{}").get("patchOperations", [])
    for operation in operations:
        path = operation.get("path")
        if operation.get("op") != "replace" or path not in _REST_PATHS:
            return _bad_request(f"Invalid patch operation specified: {operation.get('op')} {path}")
        if path.endswith("CertificateArn") or path == "/certificateArn":
            missing = _certificate_missing(self.current_account, self.region, operation.get("value"))
            if missing:
                return _bad_request(missing)
    for operation in operations:
        setattr(domain, _REST_PATHS[operation["path"]], operation.get("value"))
    return 200, {}, json.dumps(domain.to_json())


def _http_update_domain_name(self):
    domain = self.apigatewayv2_backend.get_domain_name(domain_name=unquote(self.path.split("/")[-1]))
    params = json.loads(self.body or "{}")
    configurations = params.get("domainNameConfigurations")
    if configurations is not None:
        for configuration in configurations:
            missing = _certificate_missing(self.current_account, self.region, configuration.get("certificateArn"))
            if missing:
                return _bad_request(missing)
        domain.domain_name_configurations = configurations
    if params.get("mutualTlsAuthentication") is not None:
        domain.mutual_tls_authentication = params["mutualTlsAuthentication"]
    return 200, {}, json.dumps(domain.to_json())


APIGatewayResponse.update_domain_name = _rest_update_domain_name
ApiGatewayV2Response.update_domain_name = _http_update_domain_name
