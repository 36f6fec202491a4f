#include "articles/article.hpp"

#include "core/enum_names.hpp"

namespace dateline::articles {
namespace {

constexpr core::EnumNames<Access, 3> kAccess{{{{Access::kFree, "free"},
                                               {Access::kRegistered, "registered"},
                                               {Access::kSubscribers, "subscribers"}}}};

}  // namespace

const char* AccessName(Access a) { return kAccess.Name(a); }

std::optional<Access> ParseAccess(std::string_view text) { return kAccess.Parse(text); }

}  // namespace dateline::articles
