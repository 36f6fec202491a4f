#pragma once
// docs/openapi.json held against real answers: each answer's status must be one the
// operation declares, and its JSON body must match that answer's schema. The schemas use
// a small part of JSON Schema (type, enum, properties, required, additionalProperties,
// items, oneOf, $ref, format date-time and uri), and this checks all of that part.

#include <boost/json.hpp>
#include <set>
#include <string>

namespace dateline::testing {

class OpenApiCheck {
 public:
  OpenApiCheck();  // reads docs/openapi.json (a test failure if it cannot)

  // "" when the answer fits; otherwise what does not, with the JSON path.
  // `path_template` as in the file: "/api/content/stories/{slug}".
  std::string Check(const std::string& method, const std::string& path_template, int status,
                    const std::string& body);
  // Every "METHOD /path STATUS" the file declares, and those Check has seen fit.
  std::set<std::string> Declared() const;
  const std::set<std::string>& Seen() const { return seen_; }
  const boost::json::object& spec() const { return spec_; }

 private:
  std::string Match(const boost::json::value& schema, const boost::json::value& value,
                    const std::string& where, int depth) const;
  boost::json::object spec_;
  std::set<std::string> seen_;
};

}  // namespace dateline::testing
