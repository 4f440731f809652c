#include "http_message.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

namespace paramsafe::auth::testing {

HttpRequest HttpMessage::View() const {
  HttpRequest request;
  request.method = method;
  request.path = path;
  request.query = query;
  request.body = body;
  for (const auto& [name, value] : headers) request.headers.emplace_back(name, value);
  return request;
}

HttpMessage ParseHttpMessage(std::string_view text) {
  HttpMessage message;
  std::size_t pos = 0;
  const auto next_line = [&]() -> std::string_view {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    return line;
  };

  // Request line: the target may itself contain spaces ("GET /example space/ HTTP/1.1").
  const std::string_view request_line = next_line();
  const std::size_t first_space = request_line.find(' ');
  const std::size_t last_space = request_line.rfind(' ');
  message.method = request_line.substr(0, first_space);
  const std::string_view target =
      request_line.substr(first_space + 1, last_space - first_space - 1);
  const std::size_t question = target.find('?');
  message.path = target.substr(0, question);
  if (question != std::string_view::npos) message.query = target.substr(question + 1);

  while (pos < text.size()) {
    const std::string_view line = next_line();
    if (line.empty()) {
      if (pos < text.size()) message.body = text.substr(pos);
      break;
    }
    if ((line.front() == ' ' || line.front() == '\t') && !message.headers.empty()) {
      message.headers.back().second.append("\n").append(line);
      continue;
    }
    const std::size_t colon = line.find(':');
    message.AddHeader(std::string(line.substr(0, colon)),
                      colon == std::string_view::npos ? "" : std::string(line.substr(colon + 1)));
  }
  return message;
}

std::string ReadFileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace paramsafe::auth::testing
