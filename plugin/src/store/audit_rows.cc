#include "store/audit_rows.h"

#include <optional>
#include <vector>

#include "store/pg_text_array.h"
#include "store/pg_time_param.h"

namespace paramsafe::store {

namespace {

#define PS_AUDIT_INSERT_HEAD \
  "INSERT INTO paramsafe.audit_events (event_time, request_id, event_source, event_name, "     \
  "aws_region, account_id, principal_arn, access_key_id, source_ip, user_agent, resources, "    \
  "read_only, error_code, error_message, request_parameters) "                                   \
  "SELECT " PS_TIMESTAMP_FROM_US("u.t") ", u.rid, u.src, u.name, u.region, u.account, "          \
  "u.principal, u.akid, u.ip, u.ua, u.res::text[], u.ro, u.ec, u.em, u.rp::jsonb "               \
  "FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "       \
  "$7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[], $13::text[], "  \
  "$14::text[], $15::text[]) WITH ORDINALITY "                                                   \
  "AS u(t, rid, src, name, region, account, principal, akid, ip, ua, res, ro, ec, em, rp, n) "

// Array literals of the element types above. Every text element is quoted,
// so commas, braces and the word NULL stay text; a missing value is an
// unquoted NULL.
class ArrayBuilder {
 public:
  void Add(const std::optional<std::string>& v) {
    Separate();
    if (!v) {
      out_ += "NULL";
      return;
    }
    out_ += '"';
    for (char c : *v) {
      if (c == '"' || c == '\\') out_ += '\\';
      out_ += c;
    }
    out_ += '"';
  }
  void AddRaw(std::string_view v) {  // numbers and booleans: nothing to quote
    Separate();
    out_ += v;
  }
  std::string Finish() { return out_ + '}'; }

 private:
  void Separate() {
    if (out_.size() > 1) out_ += ',';
  }
  std::string out_ = "{";
};

// NULL for an empty field: "not known" reads better in SQL than ''.
std::optional<std::string> OrNull(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return ValidText(s);
}

std::optional<std::string> Valid(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return ValidText(*s);
}

// The length of the valid UTF-8 sequence starting at s[i], or 0.
std::size_t SequenceLength(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return k < s.size() && byte(k) >= lo && byte(k) <= hi;
  };
  unsigned b = byte(i);
  if (b >= 0x01 && b <= 0x7F) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (b == 0xE0) return cont(i + 1, 0xA0) && cont(i + 2) ? 3 : 0;        // no overlong form
  if (b == 0xED) return cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0;  // no surrogates
  if (b >= 0xE1 && b <= 0xEF) return cont(i + 1) && cont(i + 2) ? 3 : 0;
  if (b == 0xF0) return cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  if (b == 0xF4) return cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  if (b >= 0xF1 && b <= 0xF3) return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  return 0;  // NUL, a stray continuation byte, C0/C1, F5..FF
}

}  // namespace

const Statement kInsertAuditRows = {"audit_insert_rows", PS_AUDIT_INSERT_HEAD "ORDER BY u.n"};

std::string ValidText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

Params AuditRowParams(std::span<const core::AuditRecord* const> records) {
  ArrayBuilder time, request_id, source, name, region, account, principal, key, ip, agent,
      resources, read_only, error_code, error_message, parameters;
  for (const core::AuditRecord* r : records) {
    time.AddRaw(std::to_string(ToEpochMicros(r->event_time)));
    request_id.Add(ValidText(r->request_id));
    source.Add(ValidText(r->event_source));
    name.Add(ValidText(r->event_name));
    region.Add(OrNull(r->region));
    account.Add(OrNull(r->account_id));
    principal.Add(OrNull(r->principal_arn));
    key.Add(OrNull(r->access_key_id));
    ip.Add(OrNull(r->source_ip));
    agent.Add(OrNull(r->user_agent));
    std::vector<std::string> arns;
    arns.reserve(r->resources.size());
    for (const auto& arn : r->resources) arns.push_back(ValidText(arn));
    // A text[] per row inside a text[]: the inner literal travels as one
    // element and is cast back per row (SQL arrays cannot be ragged).
    resources.Add(TextArrayLiteral(arns));
    read_only.AddRaw(r->read_only ? "t" : "f");
    error_code.Add(Valid(r->error_code));
    error_message.Add(Valid(r->error_message));
    parameters.Add(Valid(r->request_parameters));
  }
  Params p;
  p.Text(time.Finish())
      .Text(request_id.Finish())
      .Text(source.Finish())
      .Text(name.Finish())
      .Text(region.Finish())
      .Text(account.Finish())
      .Text(principal.Finish())
      .Text(key.Finish())
      .Text(ip.Finish())
      .Text(agent.Finish())
      .Text(resources.Finish())
      .Text(read_only.Finish())
      .Text(error_code.Finish())
      .Text(error_message.Finish())
      .Text(parameters.Finish());
  return p;
}

}  // namespace paramsafe::store
