#include "abi/config.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
#include <regex>

namespace paramsafe::abi {

using core::Code;
using core::Result;
using core::Status;

namespace {

Status Bad(std::string_view member, std::string_view why) {
  return Status(Code::kInvalidArgument,
                "config member \"" + std::string(member) + "\" " + std::string(why));
}

Status ReadString(const boost::json::object& o, std::string_view k, std::string& out) {
  auto it = o.find(k);
  if (it == o.end() || it->value().is_null()) return Status::Ok();
  if (!it->value().is_string()) return Bad(k, "must be a string");
  out = std::string(it->value().as_string());
  return Status::Ok();
}

Status ReadInt(const boost::json::object& o, std::string_view k, int& out, int min, int max) {
  auto it = o.find(k);
  if (it == o.end() || it->value().is_null()) return Status::Ok();
  if (!it->value().is_int64() || it->value().as_int64() < min || it->value().as_int64() > max) {
    return Bad(k, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  out = static_cast<int>(it->value().as_int64());
  return Status::Ok();
}

Status ReadBool(const boost::json::object& o, std::string_view k, bool& out) {
  auto it = o.find(k);
  if (it == o.end() || it->value().is_null()) return Status::Ok();
  if (!it->value().is_bool()) return Bad(k, "must be true or false");
  out = it->value().as_bool();
  return Status::Ok();
}

}  // namespace

Result<Config> ParseConfig(std::string_view json) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) {
    return Status(Code::kInvalidArgument, "config must be a JSON object");
  }
  const auto& o = v.as_object();
  Config c;
  PS_RETURN_IF_ERROR(ReadString(o, "home", c.home));
  PS_RETURN_IF_ERROR(ReadString(o, "database_url", c.database_url));
  PS_RETURN_IF_ERROR(ReadString(o, "root_key_file", c.root_key_file));
  PS_RETURN_IF_ERROR(ReadString(o, "root_key_hex", c.root_key_hex));
  PS_RETURN_IF_ERROR(ReadString(o, "account_id", c.account_id));
  PS_RETURN_IF_ERROR(ReadString(o, "default_region", c.default_region));
  PS_RETURN_IF_ERROR(ReadInt(o, "pool_size", c.pool_size, 1, 1000));
  PS_RETURN_IF_ERROR(ReadInt(o, "pool_acquire_timeout_ms", c.pool_acquire_timeout_ms, 1, 600000));
  PS_RETURN_IF_ERROR(ReadInt(o, "auth_cache_ms", c.auth_cache_ms, 0, 3600000));
  PS_RETURN_IF_ERROR(ReadBool(o, "cache", c.cache));
  PS_RETURN_IF_ERROR(ReadInt(o, "cache_ttl_ms", c.cache_ttl_ms, 0, 3600000));
  PS_RETURN_IF_ERROR(ReadBool(o, "migrate", c.migrate));
  PS_RETURN_IF_ERROR(ReadInt(o, "job_poll_ms", c.job_poll_ms, 0, 3600000));

  PS_RETURN_IF_ERROR(Finish(c));
  return c;
}

std::string EmbeddedDatabaseUrl(const std::string& home) {
  return "postgresql://paramsafe@/paramsafe?host=" + home + "/pgrun";
}

Status Finish(Config& c) {
  // libpq takes a socket folder only as an absolute path.
  if (!c.home.empty()) c.home = std::filesystem::absolute(c.home).lexically_normal().string();
  if (c.database_url.empty() && !c.home.empty()) c.database_url = EmbeddedDatabaseUrl(c.home);
  if (c.root_key_file.empty() && c.root_key_hex.empty() && !c.home.empty()) {
    c.root_key_file = c.home + "/root.key";
  }
  if (c.database_url.empty()) return Bad("database_url", "is required (or \"home\")");
  if (c.root_key_file.empty() == c.root_key_hex.empty()) {
    return Status(Code::kInvalidArgument,
                  "config needs exactly one of \"root_key_file\" and \"root_key_hex\"");
  }
  static const std::regex kAccount("[0-9]{12}");
  if (!std::regex_match(c.account_id, kAccount)) return Bad("account_id", "must be 12 digits");
  static const std::regex kRegion("[a-z]{2}(-[a-z]+)+-[0-9]+");
  if (!std::regex_match(c.default_region, kRegion)) {
    return Bad("default_region", "must look like an AWS region, e.g. us-east-1");
  }
  return Status::Ok();
}

}  // namespace paramsafe::abi
