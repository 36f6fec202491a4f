#pragma once
// The emails the accounts service sends. web/ implements this with the email templates
// and the configured site URL, so the service never builds a link from a Host header.

#include <string>

#include "accounts/user.hpp"
#include "mail/message.hpp"

namespace dateline::accounts {

class AccountMailer {
 public:
  virtual ~AccountMailer() = default;
  // "Confirm your email": a link (opens a page with a button) and a code. `return_path`
  // (a same-site path, or empty) is where the reader was going: the story they were
  // reading when they signed up, so confirming takes them back to it.
  virtual mail::Message Verification(const User& user, const std::string& email,
                                     const std::string& link_token, const std::string& code,
                                     const std::string& return_path) const = 0;
  // Someone tried to sign up with an address that already has an account.
  virtual mail::Message AlreadyRegistered(const std::string& email) const = 0;
  virtual mail::Message ResetCode(const User& user, const std::string& code) const = 0;
  virtual mail::Message PasswordChanged(const User& user) const = 0;
  // To the old address: a change to `new_email` was asked for / has been made.
  virtual mail::Message EmailChangeRequested(const User& user,
                                             const std::string& new_email) const = 0;
  virtual mail::Message EmailChanged(const User& user, const std::string& old_email,
                                     const std::string& new_email) const = 0;
};

}  // namespace dateline::accounts
