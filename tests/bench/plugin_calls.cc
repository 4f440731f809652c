// bench_plugin_calls: the plugin's own cost per GetParameter, without HTTP.
//
// Loads libparamsafe.so through plugin.h exactly as paramsafe-server does, then
// replays pre-signed requests (the JSON written by bench_client.py sign --json-out)
// through authenticate() + invoke() from N threads for D seconds. It prints one line
// scripts/bench parses:
//
//   PLUGIN threads=N calls=N seconds=S calls_per_s=R auth_us=A invoke_us=I
//          cpu_us_per_call=C non200=N
//
// auth_us / invoke_us are mean wall-clock times of the two slots; cpu_us_per_call is
// the process's user+system CPU time divided by the calls. Comparing these with the
// server's CPU per HTTP request splits the cost between the host and the plugin.
//
//   bench_plugin_calls --plugin PATH --requests FILE.json [--threads N]
//                      [--seconds D] [--cache on|off]
// The store comes from PARAMSAFE_DATABASE_URL and PARAMSAFE_ROOT_KEY_FILE.
#include <dlfcn.h>
#include <sys/resource.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "paramsafe/plugin.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Request {
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<paramsafe_header> views;
  std::string body;
  std::string target;
};

int Fail(const std::string& message) {
  std::fprintf(stderr, "bench_plugin_calls: %s\n", message.c_str());
  return 1;
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Sink {
  int status = 0;
  std::string body;
};

int Capture(void* ctx, int status, const char* body, size_t len) {
  auto* s = static_cast<Sink*>(ctx);
  s->status = status;
  s->body.assign(body == nullptr ? "" : body, len);
  return 0;
}

struct ThreadResult {
  uint64_t calls = 0;
  uint64_t non200 = 0;
  double auth_s = 0;
  double invoke_s = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::string plugin_path, requests_path, cache = "on";
  int threads = 1;
  double seconds = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "bench_plugin_calls: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--plugin") plugin_path = next();
    else if (a == "--requests") requests_path = next();
    else if (a == "--threads") threads = std::atoi(next().c_str());
    else if (a == "--seconds") seconds = std::atof(next().c_str());
    else if (a == "--cache") cache = next();
    else return Fail("unknown argument " + a);
  }
  if (plugin_path.empty() || requests_path.empty() || threads < 1 || seconds <= 0 ||
      (cache != "on" && cache != "off")) {
    return Fail("usage: --plugin PATH --requests FILE [--threads N] [--seconds D] "
                "[--cache on|off]");
  }

  std::ifstream in(requests_path);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text.str(), ec);
  if (ec || !doc.is_array() || doc.as_array().empty()) return Fail("bad " + requests_path);
  std::vector<Request> requests;
  for (const auto& item : doc.as_array()) {
    Request r;
    for (const auto& [k, v] : item.at("headers").as_object()) {
      r.headers.emplace_back(std::string(k), std::string(v.as_string()));
      if (r.headers.back().first == "X-Amz-Target") r.target = r.headers.back().second;
    }
    r.body = std::string(item.at("body").as_string());
    requests.push_back(std::move(r));
  }
  for (auto& r : requests) {
    for (auto& [k, v] : r.headers) r.views.push_back({k.data(), k.size(), v.data(), v.size()});
  }

  void* lib = dlopen(plugin_path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) return Fail(std::string("dlopen: ") + dlerror());
  auto entry = reinterpret_cast<paramsafe_plugin_entry_fn>(dlsym(lib, "paramsafe_plugin_entry"));
  if (entry == nullptr) return Fail("no paramsafe_plugin_entry");
  paramsafe_error err{};
  const paramsafe_plugin* p = entry(PARAMSAFE_ABI_MAJOR, &err);
  if (p == nullptr) return Fail(err.message);

  boost::json::object config;
  if (const char* v = std::getenv("PARAMSAFE_DATABASE_URL")) config["database_url"] = v;
  if (const char* v = std::getenv("PARAMSAFE_ROOT_KEY_FILE")) config["root_key_file"] = v;
  config["cache"] = cache == "on";
  std::string config_json = boost::json::serialize(config);
  paramsafe_handle* handle = nullptr;
  if (p->open(config_json.data(), config_json.size(), &handle, &err) != PARAMSAFE_OK) {
    return Fail(std::string("open: ") + err.type + ": " + err.message);
  }

  std::atomic<bool> stop{false};
  std::vector<ThreadResult> results(static_cast<size_t>(threads));
  auto worker = [&](int id) {
    ThreadResult& res = results[static_cast<size_t>(id)];
    size_t index = static_cast<size_t>(id) * 7919;
    Sink sink;
    while (!stop.load(std::memory_order_relaxed)) {
      const Request& r = requests[index++ % requests.size()];
      paramsafe_http_request http{};
      http.struct_size = sizeof(http);
      http.method = "POST";
      http.method_len = 4;
      http.path = "/";
      http.path_len = 1;
      http.query = "";
      http.headers = r.views.data();
      http.header_count = r.views.size();
      http.body = r.body.data();
      http.body_len = r.body.size();
      paramsafe_principal principal{};
      paramsafe_error e{};
      auto t0 = Clock::now();
      int rc = p->authenticate(handle, &http, &principal, &e);
      auto t1 = Clock::now();
      res.auth_s += std::chrono::duration<double>(t1 - t0).count();
      if (rc != PARAMSAFE_OK) {
        ++res.non200;
        ++res.calls;
        continue;
      }
      paramsafe_call call{};
      call.struct_size = sizeof(call);
      call.principal = &principal;
      call.target = r.target.data();
      call.target_len = r.target.size();
      call.body = r.body.data();
      call.body_len = r.body.size();
      call.request_id = "bench";
      call.request_id_len = 5;
      call.source_ip = "127.0.0.1";
      call.source_ip_len = 9;
      call.user_agent = "bench";
      call.user_agent_len = 5;
      rc = p->invoke(handle, &call, &Capture, &sink, &e);
      auto t2 = Clock::now();
      res.invoke_s += std::chrono::duration<double>(t2 - t1).count();
      if (rc != PARAMSAFE_OK || sink.status != 200) ++res.non200;
      ++res.calls;
    }
  };

  double cpu0 = CpuSeconds();
  auto start = Clock::now();
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back(worker, i);
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : pool) t.join();
  double wall = std::chrono::duration<double>(Clock::now() - start).count();
  double cpu = CpuSeconds() - cpu0;
  p->close(handle);

  ThreadResult total;
  for (const auto& r : results) {
    total.calls += r.calls;
    total.non200 += r.non200;
    total.auth_s += r.auth_s;
    total.invoke_s += r.invoke_s;
  }
  if (total.calls == 0) return Fail("no call completed");
  double n = static_cast<double>(total.calls);
  std::printf(
      "PLUGIN threads=%d calls=%llu seconds=%.2f calls_per_s=%.1f auth_us=%.1f "
      "invoke_us=%.1f cpu_us_per_call=%.1f non200=%llu\n",
      threads, static_cast<unsigned long long>(total.calls), wall, n / wall,
      total.auth_s / n * 1e6, total.invoke_s / n * 1e6, cpu / n * 1e6,
      static_cast<unsigned long long>(total.non200));
  return total.non200 == 0 ? 0 : 1;
}
