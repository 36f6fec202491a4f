#pragma once
// One-time codes that people read from an email and type: 10 characters from a 29-letter
// alphabet without look-alikes (no 0/O, 1/I/L, U/V), about 49 bits, shown as K7QF9-M2DXP.
// Entry forgives case, spaces and dashes.

#include <optional>
#include <string>
#include <string_view>

namespace dateline::accounts {

inline constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ";
inline constexpr size_t kCodeLength = 10;

// A fresh random code, undecorated ("K7QF9M2DXP").
std::string GenerateCode();
// "K7QF9-M2DXP" for display.
std::string FormatCode(std::string_view code);
// What the reader typed, normalized to the undecorated form; nullopt if it cannot be a code.
std::optional<std::string> NormalizeCode(std::string_view typed);

}  // namespace dateline::accounts
