#include "core/result.hpp"

#include "core/enum_names.hpp"

namespace dateline::core {
namespace {

constexpr EnumNames<ErrorCode, 9> kCodes{{{{ErrorCode::kInternal, "internal"},
                                           {ErrorCode::kInvalidArgument, "invalid_argument"},
                                           {ErrorCode::kNotFound, "not_found"},
                                           {ErrorCode::kAlreadyExists, "already_exists"},
                                           {ErrorCode::kConflict, "conflict"},
                                           {ErrorCode::kPermissionDenied, "permission_denied"},
                                           {ErrorCode::kUnauthenticated, "unauthenticated"},
                                           {ErrorCode::kRateLimited, "rate_limited"},
                                           {ErrorCode::kUnavailable, "unavailable"}}}};

}  // namespace

const char* ErrorCodeName(ErrorCode code) { return kCodes.Name(code); }

}  // namespace dateline::core
