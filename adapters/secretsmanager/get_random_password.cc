#include "common/json_io.h"
#include "common/request_reader.h"
#include "core/password_generator.h"
#include "secretsmanager/access.h"
#include "secretsmanager/errors.h"
#include "secretsmanager/operations.h"

namespace paramsafe::adapters::secretsmanager {

Outcome GetRandomPassword(Services& s, const CallContext& ctx, const Request& req) {
  RequestReader r(req);
  auto length = r.Int("PasswordLength", 1, 4096);
  auto exclude = r.String("ExcludeCharacters", {.min = 0, .max = 4096});
  auto no_numbers = r.Bool("ExcludeNumbers");
  auto no_punctuation = r.Bool("ExcludePunctuation");
  auto no_uppercase = r.Bool("ExcludeUppercase");
  auto no_lowercase = r.Bool("ExcludeLowercase");
  auto space = r.Bool("IncludeSpace");
  auto require_each = r.Bool("RequireEachIncludedType");
  if (auto e = r.Error()) return *e;
  if (auto e = AuthorizeAction(s, ctx, "GetRandomPassword")) return *e;

  core::PasswordOptions o;
  o.length = static_cast<std::size_t>(length.value_or(32));
  o.exclude_characters = exclude.value_or("");
  o.exclude_numbers = no_numbers.value_or(false);
  o.exclude_punctuation = no_punctuation.value_or(false);
  o.exclude_uppercase = no_uppercase.value_or(false);
  o.exclude_lowercase = no_lowercase.value_or(false);
  o.include_space = space.value_or(false);
  o.require_each_included_type = require_each.value_or(true);
  auto password = core::GeneratePassword(o, s.random);
  if (!password.ok()) return InvalidParameter(password.status().reason());

  boost::json::object resp = NewResponseObject();
  resp["RandomPassword"] = core::AsStringView(*password);
  return resp;
}

}  // namespace paramsafe::adapters::secretsmanager
