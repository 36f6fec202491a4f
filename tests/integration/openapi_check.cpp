#include "openapi_check.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "harness.hpp"

namespace dateline::testing {
namespace {

namespace json = boost::json;

std::string TypeOf(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
      return "integer";
    case json::kind::double_:
      return "number";
    case json::kind::string:
      return "string";
    case json::kind::array:
      return "array";
    case json::kind::object:
      return "object";
  }
  return "?";
}

bool IsType(const json::value& v, std::string_view type) {
  std::string actual = TypeOf(v);
  return actual == type || (type == "number" && actual == "integer");
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

OpenApiCheck::OpenApiCheck() {
  std::ifstream in(SourceDir() + "/docs/openapi.json");
  std::stringstream text;
  text << in.rdbuf();
  json::error_code ec;
  json::value v = json::parse(text.str(), ec);
  EXPECT_FALSE(ec) << "docs/openapi.json is not JSON: " << ec.message();
  EXPECT_TRUE(v.is_object());
  if (!ec && v.is_object()) spec_ = v.as_object();
  EXPECT_EQ(spec_["openapi"], "3.1.0");
}

std::set<std::string> OpenApiCheck::Declared() const {
  std::set<std::string> all;
  const json::value* paths = spec_.if_contains("paths");
  if (!paths) return all;
  for (const auto& [path, item] : paths->as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      for (const auto& [status, answer] : op.at("responses").as_object()) {
        all.insert(Upper(method) + " " + std::string(path) + " " + std::string(status));
      }
    }
  }
  return all;
}

std::string OpenApiCheck::Check(const std::string& method, const std::string& path_template,
                                int status, const std::string& body) {
  std::string name = method + " " + path_template + " " + std::to_string(status);
  const json::value* op = nullptr;
  if (auto* paths = spec_.if_contains("paths")) {
    if (auto* item = paths->as_object().if_contains(path_template)) {
      std::string lower = method;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      op = item->as_object().if_contains(lower);
    }
  }
  if (!op) return "no operation " + method + " " + path_template + " in docs/openapi.json";
  const json::value* answer = op->at("responses").as_object().if_contains(std::to_string(status));
  if (!answer) return name + ": the file declares no such answer";
  const json::value* schema = nullptr;
  if (auto* content = answer->as_object().if_contains("content")) {
    if (auto* as_json = content->as_object().if_contains("application/json")) {
      schema = as_json->as_object().if_contains("schema");
    }
  }
  if (schema) {
    json::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec) return name + ": the body is not JSON: " + body.substr(0, 200);
    std::string wrong = Match(*schema, v, "$", 0);
    if (!wrong.empty()) return name + ": " + wrong;
  }
  seen_.insert(name);
  return "";
}

std::string OpenApiCheck::Match(const json::value& schema_value, const json::value& value,
                                const std::string& where, int depth) const {
  if (depth > 32) return where + ": the schema nests too deeply";
  const json::object& schema = schema_value.as_object();
  if (auto* r = schema.if_contains("$ref")) {
    std::string target(r->as_string());
    const std::string prefix = "#/components/schemas/";
    if (target.rfind(prefix, 0) != 0) return where + ": cannot follow " + target;
    const json::value* named =
        spec_.at("components").at("schemas").as_object().if_contains(target.substr(prefix.size()));
    if (!named) return where + ": no schema " + target;
    return Match(*named, value, where, depth + 1);
  }
  if (auto* choices = schema.if_contains("oneOf")) {
    int fits = 0;
    std::string why;
    for (const auto& choice : choices->as_array()) {
      std::string wrong = Match(choice, value, where, depth + 1);
      if (wrong.empty()) {
        ++fits;
      } else {
        why += (why.empty() ? "" : "; or ") + wrong;
      }
    }
    if (fits != 1) return where + ": fits " + std::to_string(fits) + " of oneOf (" + why + ")";
  }
  if (auto* type = schema.if_contains("type")) {
    bool fits = false;
    if (type->is_string()) {
      fits = IsType(value, type->as_string());
    } else {
      for (const auto& t : type->as_array()) fits = fits || IsType(value, t.as_string());
    }
    if (!fits) return where + ": is " + TypeOf(value) + ", not " + json::serialize(*type);
  }
  if (auto* choices = schema.if_contains("enum")) {
    bool listed = false;
    for (const auto& c : choices->as_array()) listed = listed || c == value;
    if (!listed) return where + ": " + json::serialize(value) + " is not in the enum";
  }
  if (auto* format = schema.if_contains("format"); format && value.is_string()) {
    std::string text(value.as_string());
    if (format->as_string() == "date-time" &&
        !std::regex_match(
            text, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d))"))) {
      return where + ": \"" + text + "\" is not a date-time";
    }
    if (format->as_string() == "uri" && !std::regex_match(text, std::regex(R"(https?://[^\s]+)"))) {
      return where + ": \"" + text + "\" is not an absolute URI";
    }
  }
  if (value.is_object()) {
    const json::object& o = value.as_object();
    const json::object* props = nullptr;
    if (auto* p = schema.if_contains("properties")) props = &p->as_object();
    if (auto* required = schema.if_contains("required")) {
      for (const auto& key : required->as_array()) {
        if (!o.contains(key.as_string())) {
          return where + ": lacks \"" + std::string(key.as_string()) + "\"";
        }
      }
    }
    bool closed = false;
    if (auto* extra = schema.if_contains("additionalProperties")) {
      closed = extra->is_bool() && !extra->as_bool();
    }
    for (const auto& [key, v] : o) {
      const json::value* sub = props ? props->if_contains(key) : nullptr;
      if (!sub) {
        if (closed) return where + ": has \"" + std::string(key) + "\", which the schema does not";
        continue;
      }
      std::string wrong = Match(*sub, v, where + "." + std::string(key), depth + 1);
      if (!wrong.empty()) return wrong;
    }
  }
  if (value.is_array()) {
    if (auto* items = schema.if_contains("items")) {
      const json::array& a = value.as_array();
      for (size_t i = 0; i < a.size(); ++i) {
        std::string wrong = Match(*items, a[i], where + "[" + std::to_string(i) + "]", depth + 1);
        if (!wrong.empty()) return wrong;
      }
    }
  }
  return "";
}

}  // namespace dateline::testing
