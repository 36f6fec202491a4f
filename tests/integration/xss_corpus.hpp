#pragma once
// The payloads every field that readers or staff type into must survive inert, and the
// fragments that would mean one did not. Shared by the comment and newsroom tests.

namespace dateline::testing {

inline constexpr const char* kXssPayloads[] = {
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "javascript:alert(1)",
    "https://example.org/\"onmouseover=\"alert(1)",
    "<a href=\"javascript:alert(1)\">click</a>",
    "{{csrf}} {{{body_html}}}",
    "&lt;script&gt; already escaped",
    "<iframe src=//evil.example></iframe>",
    "'; DROP TABLE comments; --",
};

inline constexpr const char* kXssDangerous[] = {
    "<script>alert",      "<img src=x",          "<svg onload",      "<iframe",
    "href=\"javascript:", "onmouseover=\"alert", "onerror=alert(1)>"};

}  // namespace dateline::testing
