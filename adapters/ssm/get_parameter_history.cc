#include <boost/json/array.hpp>
#include <charconv>
#include <cstdint>

#include "common/json_io.h"
#include "common/next_token.h"
#include "common/request_reader.h"
#include "core/parameter_names.h"
#include "ssm/access.h"
#include "ssm/errors.h"
#include "ssm/operations.h"
#include "ssm/parameter_name.h"
#include "ssm/shapes.h"

namespace paramsafe::adapters::ssm {

namespace {

constexpr std::string_view kOperation = "GetParameterHistory";
constexpr int kMaxResults = 50;

// A token's position is the last version number the previous page returned.
std::optional<std::int64_t> ParseVersion(std::string_view text) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

Outcome GetParameterHistory(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto name = r.String("Name", {.min = 1, .max = 2048}, /*required=*/true);
  auto with_decryption = r.Bool("WithDecryption");
  auto max_results = r.Int("MaxResults", 1, kMaxResults);
  auto next_token = r.String("NextToken", {});
  if (auto e = r.Error()) return *e;

  auto parsed = ParseNameOrArn(*name, ctx.region, ctx.account_id);
  if (!parsed.ok()) return ErrorFromStatus(parsed.status());
  // History lists every version: a ":version" or ":label" selector has no
  // meaning here, and ':' is not a name character.
  core::Status name_ok = ValidateNameForRead(parsed->name + parsed->text);
  if (!name_ok.ok()) return ErrorFromStatus(name_ok);
  core::ItemKey key = core::ParameterKey(ctx.account_id, ctx.region, parsed->name);
  if (auto e = AuthorizeParameter(s, ctx, kOperation, parsed->name)) return *e;

  // The token is bound to the parameter ("/x" and "x" are one), not to
  // MaxResults nor to WithDecryption.
  std::int64_t after_version = 0;
  if (next_token && !next_token->empty()) {
    auto position = DecodeNextToken(*next_token, kOperation, key.lookup_name);
    std::optional<std::int64_t> version = position ? ParseVersion(*position) : std::nullopt;
    if (!version) return InvalidNextTokenError();
    after_version = *version;
  }

  auto page = s.listing.History(key, after_version, max_results.value_or(kMaxResults),
                                with_decryption.value_or(false));
  if (!page.ok()) return ErrorFromStatus(page.status());
  if (with_decryption.value_or(false)) {
    for (const core::ParameterValue& v : page->versions) {
      if (auto e = AuthorizeDecrypt(s, ctx, v.version)) return *e;
    }
  }
  boost::json::object resp = NewResponseObject();
  boost::json::array parameters(resp.storage());
  for (const core::ParameterValue& v : page->versions) parameters.push_back(HistoryShape(v));
  resp["Parameters"] = std::move(parameters);
  if (page->resume_after) {
    resp["NextToken"] =
        EncodeNextToken(kOperation, key.lookup_name, std::to_string(*page->resume_after));
  }
  return resp;
}

}  // namespace paramsafe::adapters::ssm
