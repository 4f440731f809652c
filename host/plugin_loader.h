// Loads libparamsafe.so (or any library implementing plugin.h) with dlopen and
// exposes the slots the host calls.
//
// Ownership: a Plugin owns the dlopen() handle and, once Open() succeeded, the
// plugin's paramsafe_handle. Destruction closes the handle, then dlclose()s.
// Thread-safety: Load/Open/Close are not thread-safe and must not overlap any other
// call. Authenticate(), Invoke() and Metrics() may be called from many threads at
// once (rule 7 of plugin.h) between a successful Open() and Close().
#ifndef PARAMSAFE_HOST_PLUGIN_LOADER_H_
#define PARAMSAFE_HOST_PLUGIN_LOADER_H_

#include <memory>
#include <string>
#include <string_view>

#include "paramsafe/plugin.h"

namespace paramsafe::host {

class Plugin {
 public:
  // dlopen()s `path` (RTLD_NOW | RTLD_LOCAL), resolves paramsafe_plugin_entry and
  // asks it for PARAMSAFE_ABI_MAJOR. Returns nullptr and a one-line reason in
  // *error when the file cannot be loaded, has no entry point, refuses the ABI major
  // (with the plugin's own message), or lacks a slot the host calls.
  // REQUIRES: error non-null.
  static std::unique_ptr<Plugin> Load(const std::string& path, std::string* error);

  // Only Load() can make the key; the constructor is public for make_unique.
  class Key {
    friend class Plugin;
    Key() = default;
  };
  Plugin(Key, std::string path, void* library, const paramsafe_plugin* table);

  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;
  ~Plugin();

  // Opens the store with a JSON config object. On failure returns false with
  // "<Type>: <message>" from the plugin in *error. The config may hold key
  // material; the caller wipes its copy. REQUIRES: not open yet; error non-null.
  bool Open(std::string_view config_json, std::string* error);

  // Closes the store handle (no-op when not open). REQUIRES: no Authenticate or
  // Invoke call is running or will follow.
  void Close();

  bool is_open() const { return handle_ != nullptr; }
  const std::string& path() const { return path_; }
  // The plugin's own version string, e.g. "0.1.0".
  std::string_view version() const { return version_; }
  uint32_t abi_minor() const { return table_->abi_minor; }
  // Whether the plugin has the ABI 1.1 metrics slot (inside struct_size and
  // non-NULL); a 1.0 plugin has none.
  bool has_metrics() const { return metrics_ != nullptr; }

  // Slot wrappers. REQUIRES: is_open(); arguments as plugin.h requires.
  int Authenticate(const paramsafe_http_request& request, paramsafe_principal* out,
                   paramsafe_error* err) const;
  int Invoke(const paramsafe_call& call, paramsafe_sink_fn sink, void* sink_ctx,
             paramsafe_error* err) const;
  // REQUIRES: has_metrics() too.
  int Metrics(paramsafe_sink_fn sink, void* sink_ctx, paramsafe_error* err) const;

 private:
  std::string path_;
  void* library_;                  // from dlopen(); owned
  const paramsafe_plugin* table_;  // static table inside the library
  // The metrics slot when the table has it, else nullptr (see has_metrics()).
  int (*metrics_)(paramsafe_handle*, paramsafe_sink_fn, void*, paramsafe_error*) = nullptr;
  std::string version_;
  paramsafe_handle* handle_ = nullptr;  // owned once Open() succeeded
};

// The NUL-terminated prefix of a fixed char array the plugin filled: never reads
// past the array even if the plugin forgot the terminator.
template <size_t N>
std::string_view FixedString(const char (&chars)[N]) {
  size_t n = 0;
  while (n < N && chars[n] != '\0') ++n;
  return std::string_view(chars, n);
}

}  // namespace paramsafe::host

#endif  // PARAMSAFE_HOST_PLUGIN_LOADER_H_
