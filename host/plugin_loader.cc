#include "plugin_loader.h"

#include <dlfcn.h>

#include <cstddef>
#include <cstring>
#include <utility>

namespace paramsafe::host {
namespace {

// True when the table the plugin was built with reaches past the end of the member
// at `offset` of `size` bytes (rule 2 of plugin.h: a slot outside struct_size does
// not exist, whatever bytes follow the plugin's smaller table).
bool Covers(const paramsafe_plugin* table, size_t offset, size_t size) {
  return table->struct_size >= offset + size;
}

#define PS_COVERS(table, member) \
  Covers(table, offsetof(paramsafe_plugin, member), sizeof(table->member))

std::string DlErrorText() {
  const char* e = dlerror();
  return e != nullptr ? std::string(e) : std::string("unknown dlopen error");
}

// Returns an empty string when every slot the host calls is present.
std::string MissingSlot(const paramsafe_plugin* t) {
  if (!PS_COVERS(t, open) || t->open == nullptr) return "open";
  if (!PS_COVERS(t, close) || t->close == nullptr) return "close";
  if (!PS_COVERS(t, authenticate) || t->authenticate == nullptr) return "authenticate";
  if (!PS_COVERS(t, invoke) || t->invoke == nullptr) return "invoke";
  return {};
}

// dlclose() on scope exit unless released; keeps Load()'s error paths short.
struct LibraryGuard {
  void* library;
  ~LibraryGuard() {
    if (library != nullptr) dlclose(library);
  }
  void* release() { return std::exchange(library, nullptr); }
};

}  // namespace

std::unique_ptr<Plugin> Plugin::Load(const std::string& path, std::string* error) {
  const std::string where = "plugin '" + path + "'";
  if (path.empty()) {
    *error = "no plugin path given (use --plugin or PARAMSAFE_PLUGIN)";
    return nullptr;
  }
  dlerror();  // clear a stale error so the message below is ours
  // RTLD_NOW: a missing symbol fails here, not in the middle of a request.
  // RTLD_LOCAL: the plugin's Boost/Botan/libpq symbols stay out of our namespace.
  LibraryGuard lib{dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)};
  if (lib.library == nullptr) {
    *error = "cannot load " + where + ": " + DlErrorText();
    return nullptr;
  }
  dlerror();
  void* sym = dlsym(lib.library, "paramsafe_plugin_entry");
  if (sym == nullptr) {
    *error = where + " has no paramsafe_plugin_entry: " + DlErrorText();
    return nullptr;
  }
  // POSIX guarantees object and function pointers convert; memcpy avoids relying on
  // a conditionally-supported cast.
  paramsafe_plugin_entry_fn entry = nullptr;
  static_assert(sizeof(entry) == sizeof(sym));
  std::memcpy(&entry, &sym, sizeof(entry));

  paramsafe_error err{};
  const paramsafe_plugin* table = entry(PARAMSAFE_ABI_MAJOR, &err);
  if (table == nullptr) {
    std::string_view msg = FixedString(err.message);
    *error = where + " refused ABI major " + std::to_string(PARAMSAFE_ABI_MAJOR) + ": " +
             (msg.empty() ? std::string("no reason given") : std::string(msg));
    return nullptr;
  }
  if (!PS_COVERS(table, plugin_version)) {
    *error = where + " returned a table too small to describe itself (struct_size " +
             std::to_string(table->struct_size) + ")";
    return nullptr;
  }
  if (table->abi_major != PARAMSAFE_ABI_MAJOR) {
    *error = where + " answered with ABI major " + std::to_string(table->abi_major) +
             " when asked for " + std::to_string(PARAMSAFE_ABI_MAJOR);
    return nullptr;
  }
  if (std::string slot = MissingSlot(table); !slot.empty()) {
    *error = where + " (ABI " + std::to_string(table->abi_major) + "." +
             std::to_string(table->abi_minor) + ") lacks the '" + slot + "' slot the host needs";
    return nullptr;
  }
  return std::make_unique<Plugin>(Key(), path, lib.release(), table);
}

#undef PS_COVERS

Plugin::Plugin(Key, std::string path, void* library, const paramsafe_plugin* table)
    : path_(std::move(path)),
      library_(library),
      table_(table),
      version_(table->plugin_version != nullptr ? table->plugin_version : "") {
  // Rule 2 of plugin.h: past struct_size the bytes are not a slot, whatever
  // they hold.
  if (Covers(table, offsetof(paramsafe_plugin, metrics), sizeof(table->metrics))) {
    metrics_ = table->metrics;
  }
}

Plugin::~Plugin() {
  Close();
  dlclose(library_);
}

bool Plugin::Open(std::string_view config_json, std::string* error) {
  paramsafe_error err{};
  paramsafe_handle* handle = nullptr;
  int rc = table_->open(config_json.data(), config_json.size(), &handle, &err);
  if (rc == PARAMSAFE_OK && handle != nullptr) {
    handle_ = handle;
    return true;
  }
  std::string_view type = FixedString(err.type);
  std::string_view message = FixedString(err.message);
  if (rc == PARAMSAFE_OK) {
    *error = "plugin open() succeeded without returning a handle";
  } else if (!type.empty() || !message.empty()) {
    *error = std::string(type.empty() ? "Error" : type) + ": " + std::string(message);
  } else {
    *error = "plugin open() failed with code " + std::to_string(rc);
  }
  return false;
}

void Plugin::Close() {
  if (handle_ != nullptr) table_->close(std::exchange(handle_, nullptr));
}

int Plugin::Authenticate(const paramsafe_http_request& request, paramsafe_principal* out,
                         paramsafe_error* err) const {
  return table_->authenticate(handle_, &request, out, err);
}

int Plugin::Invoke(const paramsafe_call& call, paramsafe_sink_fn sink, void* sink_ctx,
                   paramsafe_error* err) const {
  return table_->invoke(handle_, &call, sink, sink_ctx, err);
}

int Plugin::Metrics(paramsafe_sink_fn sink, void* sink_ctx, paramsafe_error* err) const {
  return metrics_(handle_, sink, sink_ctx, err);
}

}  // namespace paramsafe::host
