// paramsafe-server: loads the paramsafe plugin and serves the AWS JSON 1.1 API
// (Parameter Store and Secrets Manager) over HTTP for `aws --endpoint-url`, boto3 and
// the AWS SDKs.
//
// It also serves GET /metrics (Prometheus text) on a second address,
// --metrics-listen (default 127.0.0.1:7601; "off" disables it), never the API's.
//
// Exit codes: 0 after a clean shutdown (SIGINT/SIGTERM), 1 when the plugin cannot be
// loaded or opened, an address cannot be bound, or in-flight calls outlived the
// shutdown grace period; 2 for bad options.
#include <algorithm>
#include <boost/program_options.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "config.h"
#include "metrics_listener.h"
#include "plugin_loader.h"
#include "response.h"
#include "server.h"

#ifndef PARAMSAFE_DEFAULT_PLUGIN_PATH
#define PARAMSAFE_DEFAULT_PLUGIN_PATH ""
#endif

namespace paramsafe::host {
namespace {

namespace po = boost::program_options;

constexpr const char* kProgram = "paramsafe-server";

int Fail(int code, const std::string& message) {
  std::fprintf(stderr, "%s: %s\n", kProgram, message.c_str());
  return code;
}

size_t Cores() { return std::max(1u, std::thread::hardware_concurrency()); }

// Environment variables that stand in for options the command line did not give.
std::string EnvToOption(const std::string& var) {
  static const std::pair<const char*, const char*> kMap[] = {
      {"PARAMSAFE_PLUGIN", "plugin"},
      {"PARAMSAFE_LISTEN", "listen"},
      {"PARAMSAFE_METRICS_LISTEN", "metrics-listen"},
      {"PARAMSAFE_IO_THREADS", "io-threads"},
      {"PARAMSAFE_WORKERS", "workers"},
      {"PARAMSAFE_QUEUE_CAPACITY", "queue-capacity"},
      {"PARAMSAFE_MAX_BODY_BYTES", "max-body-bytes"},
      {"PARAMSAFE_MAX_HEADER_BYTES", "max-header-bytes"},
      {"PARAMSAFE_READ_TIMEOUT_MS", "read-timeout-ms"},
      {"PARAMSAFE_IDLE_TIMEOUT_MS", "idle-timeout-ms"},
      {"PARAMSAFE_SHUTDOWN_GRACE_MS", "shutdown-grace-ms"},
      {"PARAMSAFE_CONFIG_JSON", "config-json"},
  };
  for (const auto& [env, option] : kMap) {
    if (var == env) return option;
  }
  return {};
}

struct Args {
  std::string plugin;
  std::string listen;
  std::string config_json;
  ServerOptions server;
  std::optional<MetricsListenerOptions> metrics;  // unset: --metrics-listen off
};

// "HOST:PORT" as a URL authority: an IPv6 host in brackets.
std::string Authority(const std::string& host, uint16_t port) {
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
         std::to_string(port);
}

// Returns -1 to go on, else the exit code (0 after --help).
int ParseArgs(int argc, char** argv, Args* args) {
  const size_t cores = Cores();
  size_t io_threads = std::min<size_t>(cores, 4);
  // Every call waits for its audit record's commit, and records of calls
  // waiting together share one commit: with one worker per core, 2 workers
  // capped reads at the database's commit rate (scripts/bench: ~300 cached
  // GetParameter/s), 16 let 7-8 records share a commit (~2,300/s). The waits
  // are sleeps, so the extra threads cost little.
  size_t workers = std::max<size_t>(16, 4 * cores);
  size_t queue_capacity = 0;
  size_t read_ms = 10'000, idle_ms = 60'000, grace_ms = 10'000;
  std::string metrics_listen = "127.0.0.1:7601";
  ServerOptions& s = args->server;
  po::options_description desc(
      "Usage: paramsafe-server [options]\n"
      "Each option falls back to the environment variable in brackets.\n"
      "The plugin config is built from PARAMSAFE_DATABASE_URL, PARAMSAFE_ROOT_KEY_FILE,\n"
      "PARAMSAFE_ROOT_KEY, PARAMSAFE_ACCOUNT_ID, PARAMSAFE_POOL_SIZE,\n"
      "PARAMSAFE_AUTH_CACHE_MS and PARAMSAFE_CACHE (on|off) unless --config-json is "
      "given.\n"
      "PARAMSAFE_LOG_REQUESTS=1 logs one line per request to stderr.\n\nOptions");
  desc.add_options()("help,h", "show this help")  //
      ("plugin", po::value(&args->plugin)->default_value(PARAMSAFE_DEFAULT_PLUGIN_PATH),
       "path of libparamsafe.so [PARAMSAFE_PLUGIN]")  //
      ("listen", po::value(&args->listen)->default_value("127.0.0.1:7600"),
       "HOST:PORT to listen on; port 0 picks a free one [PARAMSAFE_LISTEN]")  //
      ("metrics-listen", po::value(&metrics_listen)->default_value(metrics_listen),
       "HOST:PORT serving GET /metrics (Prometheus), or 'off'; port 0 picks a free one "
       "[PARAMSAFE_METRICS_LISTEN]")  //
      ("io-threads", po::value(&io_threads)->default_value(io_threads),
       "threads doing network I/O [PARAMSAFE_IO_THREADS]")  //
      ("workers", po::value(&workers)->default_value(workers),
       "threads running plugin calls, 4 per core (at least 16) by default [PARAMSAFE_WORKERS]")  //
      ("queue-capacity", po::value(&queue_capacity)->default_value(0),
       "calls waiting for a worker before answering 503; 0 = 64 x workers "
       "[PARAMSAFE_QUEUE_CAPACITY]")  //
      ("max-body-bytes", po::value(&s.max_body_bytes)->default_value(s.max_body_bytes),
       "largest request body; larger gets 413 [PARAMSAFE_MAX_BODY_BYTES]")  //
      ("max-header-bytes", po::value(&s.max_header_bytes)->default_value(s.max_header_bytes),
       "largest request line + headers; larger gets 431 [PARAMSAFE_MAX_HEADER_BYTES]")  //
      ("read-timeout-ms", po::value(&read_ms)->default_value(read_ms),
       "time allowed to send one whole request [PARAMSAFE_READ_TIMEOUT_MS]")  //
      ("idle-timeout-ms", po::value(&idle_ms)->default_value(idle_ms),
       "keep-alive time between requests [PARAMSAFE_IDLE_TIMEOUT_MS]")  //
      ("shutdown-grace-ms", po::value(&grace_ms)->default_value(grace_ms),
       "time in-flight requests get after SIGTERM [PARAMSAFE_SHUTDOWN_GRACE_MS]")  //
      ("config-json", po::value(&args->config_json),
       "the whole plugin config as a JSON object, instead of the environment "
       "[PARAMSAFE_CONFIG_JSON]");

  po::variables_map vm;
  try {
    // The command line is stored first, so it wins over the environment.
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::store(po::parse_environment(desc, &EnvToOption), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return Fail(2, std::string(e.what()) + " (see --help)");
  }
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return 0;
  }
  auto listen = ParseListen(args->listen);
  if (!listen) return Fail(2, "--listen must be HOST:PORT, got '" + args->listen + "'");
  if (metrics_listen != "off") {
    auto m = ParseListen(metrics_listen);
    if (!m) {
      return Fail(2, "--metrics-listen must be HOST:PORT or 'off', got '" + metrics_listen + "'");
    }
    // Metrics stay off the API port, so each can face its own network.
    if (m->port != 0 && m->port == listen->port && m->host == listen->host) {
      return Fail(2, "--metrics-listen must differ from --listen (" + args->listen + ")");
    }
    MetricsListenerOptions mo;
    mo.host = m->host;
    mo.port = m->port;
    mo.timeout = std::chrono::milliseconds(read_ms);
    args->metrics = mo;
  }
  if (io_threads == 0 || workers == 0) return Fail(2, "--io-threads and --workers must be >= 1");
  if (s.max_body_bytes == 0 || s.max_header_bytes < 256) {
    return Fail(2, "--max-body-bytes must be >= 1 and --max-header-bytes >= 256");
  }
  s.host = listen->host;
  s.port = listen->port;
  s.io_threads = io_threads;
  s.workers = workers;
  s.queue_capacity = queue_capacity != 0 ? queue_capacity : 64 * workers;
  s.read_timeout = std::chrono::milliseconds(read_ms);
  s.idle_timeout = std::chrono::milliseconds(idle_ms);
  s.write_timeout = s.read_timeout;
  s.shutdown_grace = std::chrono::milliseconds(grace_ms);
  s.handle_signals = true;
  auto log = ProcessEnv("PARAMSAFE_LOG_REQUESTS");
  s.log_requests = log && *log == "1";
  return -1;
}

int Main(int argc, char** argv) {
  Args args;
  if (int rc = ParseArgs(argc, argv, &args); rc >= 0) return rc;

  std::string config, error;
  if (!args.config_json.empty()) {
    if (!ValidateConfigJson(args.config_json, &error)) return Fail(2, error);
    config = std::move(args.config_json);
  } else if (!BuildPluginConfig(&ProcessEnv, &config, &error)) {
    return Fail(2, error);
  }

  // Sends to a closed connection must be errors, not process death (Asio already
  // uses MSG_NOSIGNAL; this covers anything else in the process, e.g. libpq).
  std::signal(SIGPIPE, SIG_IGN);

  auto plugin = Plugin::Load(args.plugin, &error);
  if (!plugin) return Fail(1, error);
  bool opened = plugin->Open(config, &error);
  WipeString(config);  // may hold root_key_hex
  if (!opened) return Fail(1, "cannot open plugin '" + args.plugin + "': " + error);

  bool clean = false;
  {
    Server server(args.server, *plugin);
    if (!server.Listen(&error)) return Fail(1, error);
    std::unique_ptr<MetricsListener> metrics;
    if (args.metrics) {
      metrics = std::make_unique<MetricsListener>(*args.metrics, *plugin);
      if (!metrics->Listen(&error)) return Fail(1, error);
    }
    std::printf("%s listening on http://%s\n", kProgram,
                Authority(args.server.host, server.port()).c_str());
    if (metrics) {
      // Worded so that nothing looking for "listening on" takes it for the API.
      std::printf("%s serves metrics at http://%s/metrics\n", kProgram,
                  Authority(args.metrics->host, metrics->port()).c_str());
      if (!plugin->has_metrics()) {
        std::fprintf(stderr,
                     "%s: the plugin (ABI 1.%u) has no metrics slot; /metrics answers 404\n",
                     kProgram, static_cast<unsigned>(plugin->abi_minor()));
      }
      metrics->Start();
    }
    std::fflush(stdout);
    clean = server.Run();
    if (metrics) metrics->Stop();
    if (!clean) {
      // Plugin calls are still running: closing the plugin (or even returning,
      // which would join the pool) could crash or hang. Leave at once.
      Fail(1, "plugin calls still running at shutdown; exiting without closing the plugin");
      std::fflush(stderr);
      std::_Exit(1);
    }
  }
  plugin->Close();
  return 0;
}

}  // namespace
}  // namespace paramsafe::host

int main(int argc, char** argv) {
  try {
    return paramsafe::host::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "paramsafe-server: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "paramsafe-server: unknown error\n");
  }
  return 1;
}
