// The SigV4 canonical request of an HTTP request (header-signed form):
//
//   <Method>\n<CanonicalURI>\n<CanonicalQuery>\n<CanonicalHeaders>\n<SignedHeaders>\n
//   <hex SHA-256(body)>
//
// as AWS specifies it for every service except S3 (and as the aws-c-auth test
// suite checks). Pure functions over borrowed input; thread-safe; they never fail:
// malformed percent escapes are signed literally, so a request that does not match
// what its client signed simply ends in a signature mismatch.
#ifndef PARAMSAFE_AUTH_CANONICAL_REQUEST_H_
#define PARAMSAFE_AUTH_CANONICAL_REQUEST_H_

#include <string>
#include <string_view>
#include <vector>

#include "auth/http_request.h"

namespace paramsafe::auth {

// RFC 3986 percent-encoding of every byte except the unreserved ones
// (A-Z a-z 0-9 - _ . ~), with uppercase hex; '/' is kept when keep_slash.
std::string UriEncode(std::string_view bytes, bool keep_slash);

// The canonical URI of a raw (still percent-encoded) path. With normalize, dot
// segments are removed and runs of '/' collapsed first (what ssm/secretsmanager
// clients do); without it the path is used as sent (S3 style). The result is
// the path encoded once more, so "%2F" on the wire is signed as "%252F".
std::string CanonicalUri(std::string_view raw_path, bool normalize);

// The canonical query string of a raw query (no '?'): each name and value is
// percent-decoded then re-encoded, pairs sorted by name then value, and joined
// as name=value with '&'. A parameter without '=' gets an empty value.
std::string CanonicalQueryString(std::string_view raw_query);

// A header value as SigV4 signs it: leading and trailing whitespace removed and
// every inner whitespace run (including obs-fold line breaks) replaced by one space.
std::string CanonicalHeaderValue(std::string_view value);

// The canonical headers block: one "name:value\n" line per entry of
// signed_headers, in that order; repeated request headers joined by ',' in
// arrival order; a signed header absent from the request signs as "name:".
// REQUIRES: signed_headers are lowercase.
std::string CanonicalHeaders(const HttpRequest& request,
                             const std::vector<std::string>& signed_headers);

// The whole canonical request. The payload hash is always computed from the
// body: a client-supplied X-Amz-Content-Sha256 is never trusted in its place.
// REQUIRES: signed_headers are lowercase and sorted, as ParseAuthorization returns them.
std::string CanonicalRequest(const HttpRequest& request,
                             const std::vector<std::string>& signed_headers, bool normalize_path);

}  // namespace paramsafe::auth

#endif  // PARAMSAFE_AUTH_CANONICAL_REQUEST_H_
