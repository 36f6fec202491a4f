#include "app/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <string_view>

#include "core/json_text.hpp"
#include "core/log_context.hpp"
#include "core/text.hpp"

namespace dateline::app {
namespace {

std::string_view Text(spdlog::string_view_t s) { return {s.data(), s.size()}; }

// Bytes that are not UTF-8 (a request target may hold any) become U+FFFD, so every line is
// valid JSON.
std::string ValidUtf8(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    size_t bad = core::Utf8ErrorOffset(text);
    if (bad == std::string_view::npos) {
      out.append(text);
      break;
    }
    out.append(text.substr(0, bad));
    out += "\xEF\xBF\xBD";
    text.remove_prefix(bad + 1);
  }
  return out;
}

void Append(spdlog::memory_buf_t& dest, std::string_view s) {
  dest.append(s.data(), s.data() + s.size());
}

// "%Y-%m-%dT%H:%M:%S.%eZ" in UTC.
std::string Timestamp(spdlog::log_clock::time_point time) {
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(millis % 1000));
  return text;
}

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const core::LogContext& context = core::CurrentLogContext();
    Append(dest, "{\"time\":\"");
    Append(dest, Timestamp(msg.time));
    Append(dest, "\",\"level\":\"");
    Append(dest, Text(spdlog::level::to_string_view(msg.level)));
    Append(dest, "\",\"msg\":");
    Append(dest, core::JsonString(ValidUtf8(core::RedactSecrets(Text(msg.payload)))));
    if (!context.request_id.empty()) {
      Append(dest, ",\"request_id\":");
      Append(dest, core::JsonString(context.request_id));
    }
    if (context.fields) {
      for (const core::LogField& field : *context.fields) {
        Append(dest, ",\"");
        Append(dest, field.name);
        Append(dest, "\":");
        Append(dest, field.number ? field.value
                                  : core::JsonString(ValidUtf8(core::RedactSecrets(field.value))));
      }
    }
    Append(dest, "}\n");
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

// The text pattern's "%*": "[req ID] " inside a request, nothing outside.
class RequestIdFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const std::string& id = core::CurrentLogContext().request_id;
    if (id.empty()) return;
    Append(dest, "[req ");
    Append(dest, id);
    Append(dest, "] ");
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<RequestIdFlag>();
  }
};

// The message with secrets redacted.
class RedactedMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    Append(dest, core::RedactSecrets(Text(msg.payload)));
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<RedactedMessageFlag>();
  }
};

}  // namespace

void SetUpLogging(const std::string& level, const std::string& format) {
  auto logger = spdlog::stderr_color_mt("dateline");
  if (format == "json") {
    logger->set_formatter(std::make_unique<JsonFormatter>());
  } else {
    auto text = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    text->add_flag<RequestIdFlag>('*').add_flag<RedactedMessageFlag>('&');
    text->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %*%&");
    logger->set_formatter(std::move(text));
  }
  logger->set_level(spdlog::level::from_str(level));
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace dateline::app
