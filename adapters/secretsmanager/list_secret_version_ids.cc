#include <boost/json/array.hpp>
#include <charconv>
#include <cstdint>

#include "common/next_token.h"
#include "common/request_reader.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/members.h"
#include "secretsmanager/operations.h"
#include "secretsmanager/shapes.h"

namespace paramsafe::adapters::secretsmanager {

namespace {

constexpr std::string_view kOperation = "ListSecretVersionIds";
constexpr std::int64_t kMaxResults = 100;

std::optional<std::int64_t> ParseNumber(const std::string& text) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

}  // namespace

// The versions come with the secret (DescribeSecret's read), newest first; a
// page resumes below the internal number of the last version it showed, which
// no later write can move.
Outcome ListSecretVersionIds(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto id = ReadSecretId(r);
  auto max_results = r.Int("MaxResults", 1, kMaxResults);
  auto next_token = r.String("NextToken", kNextTokenRule);
  auto deprecated = r.Bool("IncludeDeprecated");
  if (auto e = r.Error()) return *e;
  if (auto e = AuthorizeSecret(s, ctx, "ListSecretVersionIds", *id)) return *e;

  auto secret = s.secrets.Describe(LookupOf(ctx, *id));
  if (!secret.ok()) return ErrorFromStatus(secret.status(), Access::kRead);
  const bool include_deprecated = deprecated.value_or(false);
  // Bound to the secret (a re-created one has another ARN) and the selection.
  const std::string fingerprint = secret->arn + (include_deprecated ? "|all" : "|labelled");
  std::optional<std::int64_t> below;
  if (next_token) {
    auto position = DecodeNextToken(*next_token, kOperation, fingerprint);
    if (position) below = ParseNumber(*position);
    if (!below) return InvalidNextToken();
  }

  boost::json::object resp = ArnAndName(secret->arn, secret->name);
  boost::json::array versions(resp.storage());
  const auto limit = static_cast<std::size_t>(max_results.value_or(kMaxResults));
  std::optional<std::int64_t> last_shown;
  bool more = false;
  for (const core::SecretVersion& v : secret->versions) {
    if (below && v.number >= *below) continue;
    if (v.stages.empty() && !include_deprecated) continue;
    if (versions.size() == limit) {
      more = true;
      break;
    }
    versions.emplace_back(VersionEntryShape(v));
    last_shown = v.number;
  }
  resp["Versions"] = std::move(versions);
  if (more) {
    resp["NextToken"] = EncodeNextToken(kOperation, fingerprint, std::to_string(*last_shown));
  }
  return resp;
}

}  // namespace paramsafe::adapters::secretsmanager
