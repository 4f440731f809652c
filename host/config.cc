#include "config.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cstdlib>

namespace paramsafe::host {
namespace {

std::optional<uint64_t> ParseCount(std::string_view s) {
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<bool> ParseSwitch(std::string_view s) {
  if (s == "on" || s == "true" || s == "1") return true;
  if (s == "off" || s == "false" || s == "0") return false;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ProcessEnv(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

bool BuildPluginConfig(const EnvLookup& env, std::string* json, std::string* error) {
  boost::json::object config;
  static constexpr std::pair<const char*, const char*> kStrings[] = {
      {"PARAMSAFE_DATABASE_URL", "database_url"},
      {"PARAMSAFE_ROOT_KEY_FILE", "root_key_file"},
      {"PARAMSAFE_ROOT_KEY", "root_key_hex"},
      {"PARAMSAFE_ACCOUNT_ID", "account_id"},
      {"PARAMSAFE_REGION", "default_region"},
      {"PARAMSAFE_HOME", "home"},
  };
  for (const auto& [var, key] : kStrings) {
    if (auto v = env(var)) config[key] = *v;
  }
  static constexpr std::pair<const char*, const char*> kCounts[] = {
      {"PARAMSAFE_POOL_SIZE", "pool_size"},
      {"PARAMSAFE_AUTH_CACHE_MS", "auth_cache_ms"},
      {"PARAMSAFE_CACHE_TTL_MS", "cache_ttl_ms"},
      {"PARAMSAFE_JOB_POLL_MS", "job_poll_ms"},
  };
  for (const auto& [var, key] : kCounts) {
    if (auto v = env(var)) {
      auto n = ParseCount(*v);
      if (!n) {
        *error = std::string(var) + " must be a non-negative integer";
        return false;
      }
      config[key] = *n;
    }
  }
  if (auto v = env("PARAMSAFE_CACHE")) {
    auto b = ParseSwitch(*v);
    if (!b) {
      *error = "PARAMSAFE_CACHE must be 'on' or 'off'";
      return false;
    }
    config["cache"] = *b;
  }
  *json = boost::json::serialize(config);
  // boost::json::object's own copies of the strings are freed unwiped; they lived
  // only for this call, as did getenv's copies. The environment itself still holds
  // PARAMSAFE_ROOT_KEY; a key file is the safer source.
  return true;
}

bool ValidateConfigJson(std::string_view json, std::string* error) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(json, ec);
  if (ec) {
    *error = "--config-json is not valid JSON: " + ec.message();
    return false;
  }
  if (!v.is_object()) {
    *error = "--config-json must be a JSON object";
    return false;
  }
  return true;
}

std::optional<ListenAddress> ParseListen(std::string_view text) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view host = text.substr(0, colon);
  std::string_view port = text.substr(colon + 1);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return std::nullopt;
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return std::nullopt;  // a bare IPv6 address needs brackets
  }
  auto p = ParseCount(port);
  if (!p || *p > 65535) return std::nullopt;
  return ListenAddress{std::string(host), static_cast<uint16_t>(*p)};
}

}  // namespace paramsafe::host
