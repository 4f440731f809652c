// The exported entry point and the slots of ABI major version 1. The only
// extern "C" code of the plugin.
#include <paramsafe/plugin.h>

#include <chrono>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>

#include "abi/config.h"
#include "abi/guard.h"
#include "abi/request_audit.h"
#include "abi/runtime.h"
#include "auth/authenticator.h"
#include "common/auth_errors.h"
#include "common/json_io.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "router.h"

struct paramsafe_handle {
  // Checked on every call, to catch a foreign pointer or a handle used after
  // close() in the common cases. It cannot make an unmapped pointer safe.
  static constexpr std::uint64_t kMagic = 0x7073616665763031ULL;  // "psafev01"
  std::uint64_t magic = kMagic;
  std::unique_ptr<paramsafe::abi::Runtime> runtime;
};

namespace paramsafe::abi {
namespace {

// The sizes of the input structs in ABI 1.0. Later minor versions may append
// fields; an older host's smaller struct stays valid, and newer fields are read
// only when they lie inside the struct_size the host passed.
constexpr std::size_t kHttpRequestSizeV1_0 =
    offsetof(paramsafe_http_request, body_len) + sizeof(std::size_t);
constexpr std::size_t kCallSizeV1_0 = offsetof(paramsafe_call, user_agent_len) + sizeof(std::size_t);
constexpr std::size_t kHttpRequestSizeV1_1 =
    offsetof(paramsafe_http_request, request_id_len) + sizeof(std::size_t);

bool ValidHandle(const paramsafe_handle* h) {
  return h != nullptr && h->magic == paramsafe_handle::kMagic && h->runtime != nullptr;
}

std::string_view View(const char* p, std::size_t n) {
  return p == nullptr ? std::string_view() : std::string_view(p, n);
}

template <std::size_t N>
bool CopyField(char (&dst)[N], std::string_view src) {
  if (src.size() >= N) return false;
  std::memcpy(dst, src.data(), src.size());
  dst[src.size()] = '\0';
  return true;
}

// "ssm" or "secretsmanager" from an X-Amz-Target, "unknown" otherwise.
std::string_view ServiceOf(std::string_view target) {
  if (target.starts_with("AmazonSSM.")) return "ssm";
  if (target.starts_with("secretsmanager.")) return "secretsmanager";
  return "unknown";
}

// What the audit record knows before the request runs.
core::AuditRecord BaseRecord(const adapters::CallContext& ctx, std::string_view target) {
  core::AuditRecord r;
  r.event_time = core::SystemClock().Now();
  r.request_id = ctx.request_id;
  std::string_view service = ServiceOf(target);
  r.event_source = service == "unknown" ? "unknown" : std::string(service) + ".amazonaws.com";
  auto dot = target.find('.');
  r.event_name = std::string(dot == std::string_view::npos ? target : target.substr(dot + 1));
  r.region = ctx.region;
  r.account_id = ctx.account_id;
  r.principal_arn = ctx.principal_arn;
  r.access_key_id = ctx.access_key_id;
  r.source_ip = ctx.source_ip;
  r.user_agent = ctx.user_agent;
  return r;
}

// The answer when a request's audit record cannot be kept. Both faces' SDKs
// retry a 503.
adapters::Response AuditFailure() {
  adapters::AwsError e{503, "ServiceUnavailable",
                       "The request could not be audited, so it was not answered. Try again.",
                       true};
  adapters::Response r;
  r.http_status = e.http_status;
  r.body = adapters::SerializeError(e);
  r.error = std::move(e);
  return r;
}

int BadArgument(paramsafe_error* err, const char* what) {
  SetError(err, 500, "InternalFailure", what, false);
  return PARAMSAFE_E_BAD_ARGUMENT;
}

int SlotOpen(const char* config_json, std::size_t config_len, paramsafe_handle** out,
             paramsafe_error* err) {
  return Guard(err, [&] {
    if (out == nullptr || err == nullptr) return BadArgument(err, "open: out and err are required");
    *out = nullptr;
    ClearError(err);
    auto config = ParseConfig(View(config_json, config_len));
    if (!config.ok()) {
      SetError(err, 400, "InvalidConfiguration", config.status().reason(), false);
      return PARAMSAFE_AWS_ERROR;
    }
    auto runtime = Runtime::Open(*config);
    if (!runtime.ok()) {
      bool retry = runtime.status().code() == core::Code::kUnavailable;
      SetError(err, retry ? 503 : 500, retry ? "ServiceUnavailable" : "InitializationFailed",
               runtime.status().reason(), retry);
      return PARAMSAFE_AWS_ERROR;
    }
    auto handle = std::make_unique<paramsafe_handle>();
    handle->runtime = std::move(runtime).value();
    *out = handle.release();  // owned by the host until close()
    return PARAMSAFE_OK;
  });
}

int SlotClose(paramsafe_handle* h) {
  return Guard(nullptr, [&] {
    if (h == nullptr) return PARAMSAFE_OK;
    if (!ValidHandle(h)) return PARAMSAFE_E_BAD_HANDLE;
    std::unique_ptr<paramsafe_handle> owned(h);
    owned->magic = 0;  // a use after close finds a bad magic, not a live runtime
    return PARAMSAFE_OK;
  });
}

int SlotAuthenticate(paramsafe_handle* h, const paramsafe_http_request* req,
                     paramsafe_principal* out, paramsafe_error* err) {
  return Guard(err, [&] {
    if (!ValidHandle(h)) {
      SetError(err, 500, "InternalFailure", "invalid paramsafe handle", false);
      return PARAMSAFE_E_BAD_HANDLE;
    }
    if (req == nullptr || out == nullptr || err == nullptr ||
        req->struct_size < kHttpRequestSizeV1_0 ||
        // A size that ends inside the fields 1.1 added is no version's size.
        (req->struct_size > kHttpRequestSizeV1_0 && req->struct_size < kHttpRequestSizeV1_1) ||
        (req->header_count > 0 && req->headers == nullptr)) {
      return BadArgument(err, "authenticate: bad arguments");
    }
    ClearError(err);
    auth::HttpRequest r;
    r.method = View(req->method, req->method_len);
    r.path = View(req->path, req->path_len);
    r.query = View(req->query, req->query_len);
    r.body = View(req->body, req->body_len);
    r.headers.reserve(req->header_count);
    for (std::size_t i = 0; i < req->header_count; ++i) {
      const paramsafe_header& hd = req->headers[i];
      r.headers.emplace_back(View(hd.name, hd.name_len), View(hd.value, hd.value_len));
    }
    auto principal = h->runtime->authenticator().Authenticate(r);
    if (!principal.ok()) {
      adapters::AwsError e = adapters::AuthErrorFromStatus(principal.status());
      h->runtime->metrics().ObserveAuthentication(e.type);
      std::string_view source_ip, request_id;
      if (req->struct_size >= kHttpRequestSizeV1_1) {
        source_ip = View(req->source_ip, req->source_ip_len);
        request_id = View(req->request_id, req->request_id_len);
      }
      // The refusal is answered even when its record cannot be kept: a
      // refused request reveals nothing, and refusing it anyway is safe.
      (void)AuditRefusedAuthentication(h->runtime->audit_log(), r, source_ip, request_id, e);
      SetError(err, e.http_status, e.type, e.message, e.retryable);
      return PARAMSAFE_AWS_ERROR;
    }
    h->runtime->metrics().ObserveAuthentication("success");
    std::memset(out, 0, sizeof(*out));
    if (!CopyField(out->arn, principal->arn) ||
        !CopyField(out->access_key_id, principal->access_key_id) ||
        !CopyField(out->account_id, principal->account_id) ||
        !CopyField(out->region, principal->region) ||
        !CopyField(out->service, principal->service)) {
      SetError(err, 400, "IncompleteSignatureException",
               "A credential field is longer than paramsafe accepts.", false);
      return PARAMSAFE_AWS_ERROR;
    }
    return PARAMSAFE_OK;
  });
}

int SlotInvoke(paramsafe_handle* h, const paramsafe_call* call, paramsafe_sink_fn sink,
               void* sink_ctx, paramsafe_error* err) {
  return Guard(err, [&] {
    if (!ValidHandle(h)) {
      SetError(err, 500, "InternalFailure", "invalid paramsafe handle", false);
      return PARAMSAFE_E_BAD_HANDLE;
    }
    if (call == nullptr || sink == nullptr || err == nullptr ||
        call->struct_size < kCallSizeV1_0 || call->principal == nullptr) {
      return BadArgument(err, "invoke: bad arguments");
    }
    ClearError(err);
    const paramsafe_principal& p = *call->principal;
    adapters::CallContext ctx;
    // The principal's fields are NUL-terminated fixed arrays; strnlen guards a
    // host that forgot to terminate one.
    ctx.principal_arn.assign(p.arn, strnlen(p.arn, sizeof(p.arn)));
    ctx.access_key_id.assign(p.access_key_id, strnlen(p.access_key_id, sizeof(p.access_key_id)));
    ctx.account_id.assign(p.account_id, strnlen(p.account_id, sizeof(p.account_id)));
    ctx.region.assign(p.region, strnlen(p.region, sizeof(p.region)));
    ctx.request_id.assign(View(call->request_id, call->request_id_len));
    ctx.source_ip.assign(View(call->source_ip, call->source_ip_len));
    ctx.user_agent.assign(View(call->user_agent, call->user_agent_len));
    if (ctx.account_id.empty()) ctx.account_id = h->runtime->config().account_id;
    if (ctx.region.empty()) ctx.region = h->runtime->config().default_region;
    std::string_view service(p.service, strnlen(p.service, sizeof(p.service)));
    std::string_view target = View(call->target, call->target_len);

    const auto started = std::chrono::steady_clock::now();
    RequestAudit audit(h->runtime->audit_log(), BaseRecord(ctx, target));
    ctx.audit = &audit.record();
    adapters::Response resp =
        h->runtime->router().Handle(target, service, ctx, View(call->body, call->body_len));
    if (core::Status kept = audit.Finish(resp.error); !kept.ok()) {
      // Fail closed: what could not be audited is not answered.
      resp = AuditFailure();
    }
    h->runtime->metrics().ObserveRequest(
        ServiceOf(target), audit.record().event_name, resp.error ? resp.error->type : "success",
        std::chrono::steady_clock::now() - started);
    if (resp.error) {
      SetError(err, resp.http_status, resp.error->type, resp.error->message,
               resp.error->retryable);
    }
    if (sink(sink_ctx, resp.http_status, resp.body.data(), resp.body.size()) != 0) {
      // plugin.h: err is filled on every non-zero return. An AWS error already
      // in err stays (it is what the refused response said).
      if (!resp.error) {
        SetError(err, 500, "InternalFailure", "the host's sink refused the response", false);
      }
      return PARAMSAFE_E_SINK;
    }
    return resp.error ? PARAMSAFE_AWS_ERROR : PARAMSAFE_OK;
  });
}

int SlotMetrics(paramsafe_handle* h, paramsafe_sink_fn sink, void* sink_ctx,
                paramsafe_error* err) {
  return Guard(err, [&] {
    if (!ValidHandle(h)) {
      SetError(err, 500, "InternalFailure", "invalid paramsafe handle", false);
      return PARAMSAFE_E_BAD_HANDLE;
    }
    if (sink == nullptr || err == nullptr) return BadArgument(err, "metrics: bad arguments");
    ClearError(err);
    std::string text = h->runtime->metrics().RenderPrometheus();
    if (sink(sink_ctx, 200, text.data(), text.size()) != 0) {
      SetError(err, 500, "InternalFailure", "the host's sink refused the response", false);
      return PARAMSAFE_E_SINK;
    }
    return PARAMSAFE_OK;
  });
}

constexpr paramsafe_plugin kPluginV1 = {
    sizeof(paramsafe_plugin), PARAMSAFE_ABI_MAJOR, PARAMSAFE_ABI_MINOR, PARAMSAFE_VERSION,
    &SlotOpen, &SlotClose, &SlotAuthenticate, &SlotInvoke, &SlotMetrics,
};

}  // namespace
}  // namespace paramsafe::abi

extern "C" __attribute__((visibility("default"))) const paramsafe_plugin* paramsafe_plugin_entry(
    uint32_t abi_major, paramsafe_error* err) {
  using paramsafe::abi::SetError;
  if (abi_major != PARAMSAFE_ABI_MAJOR) {
    std::string msg = "paramsafe plugin " PARAMSAFE_VERSION " serves ABI major version " +
                      std::to_string(PARAMSAFE_ABI_MAJOR) + ", the host asked for " +
                      std::to_string(abi_major);
    SetError(err, 500, "AbiVersionMismatch", msg, false);
    return nullptr;
  }
  paramsafe::abi::ClearError(err);
  return &paramsafe::abi::kPluginV1;
}
