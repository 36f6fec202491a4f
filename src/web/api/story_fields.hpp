#pragma once
// A story as the Admin API's JSON body gives it: its text and filing, read over what the
// story says now (fields left out keep their value). Its own file so a fuzzer reads it.

#include <boost/json/object.hpp>
#include <optional>

#include "articles/article.hpp"
#include "articles/structure.hpp"
#include "http/response.hpp"

namespace dateline::web {

// Nothing when every field present has its type (the domain judges the values); else the
// 400 answer naming the first field that does not.
std::optional<http::Response> ReadStoryFields(const boost::json::object& body,
                                              articles::ArticleDraft& d, articles::Filing& filing);

}  // namespace dateline::web
