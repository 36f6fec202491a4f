#include "notify/account_emails.hpp"

#include <spdlog/spdlog.h>

#include "http/form.hpp"
#include "http/request_target.hpp"
#include "notify/compose.hpp"

namespace dateline::notify {

mail::Message TemplateAccountMailer::Compose(const std::string& to, const std::string& subject,
                                             const std::string& name, render::View view) const {
  return ComposeEmail(templates_, config_, to, subject, name, std::move(view));
}

mail::Message TemplateAccountMailer::Verification(const accounts::User& user,
                                                  const std::string& email,
                                                  const std::string& link_token,
                                                  const std::string& code,
                                                  const std::string& return_path) const {
  // The address is not proven yet: nothing a reader typed (their display name) goes to
  // it, so sign-up and address changes cannot carry someone's words to a stranger.
  (void)user;
  render::View v;
  v["email"] = email;
  std::string next = http::SafeNextPath(return_path);
  v["link"] = config_.SiteUrl() + "/verify?token=" + link_token +
              (next == "/" ? "" : "&next=" + http::PercentEncode(next));
  v["code"] = code;
  return Compose(email, "Confirm your email for " + config_.site_title, "verification", v);
}

mail::Message TemplateAccountMailer::AlreadyRegistered(const std::string& email) const {
  return Compose(email, "You already have an account at " + config_.site_title,
                 "already_registered", render::View());
}

mail::Message TemplateAccountMailer::ResetCode(const accounts::User& user,
                                               const std::string& code) const {
  render::View v;
  v["name"] = user.display_name;
  v["code"] = code;
  return Compose(user.email, "Your " + config_.site_title + " password reset code", "reset_code",
                 v);
}

mail::Message TemplateAccountMailer::PasswordChanged(const accounts::User& user) const {
  render::View v;
  v["name"] = user.display_name;
  return Compose(user.email, "Your " + config_.site_title + " password was changed",
                 "password_changed", v);
}

mail::Message TemplateAccountMailer::EmailChangeRequested(const accounts::User& user,
                                                          const std::string& new_email) const {
  render::View v;
  v["name"] = user.display_name;
  v["new_email"] = new_email;
  return Compose(user.email,
                 "A change of email address for your " + config_.site_title + " account",
                 "email_change_requested", v);
}

mail::Message TemplateAccountMailer::EmailChanged(const accounts::User& user,
                                                  const std::string& old_email,
                                                  const std::string& new_email) const {
  render::View v;
  v["name"] = user.display_name;
  v["old_email"] = old_email;
  v["new_email"] = new_email;
  return Compose(old_email, "Your " + config_.site_title + " email address was changed",
                 "email_changed", v);
}

}  // namespace dateline::notify
