#pragma once
// The accounts emails, from templates/emails/, with links built from the configured site
// URL (never from a request's Host header).

#include "accounts/account_mailer.hpp"
#include "core/config.hpp"
#include "render/templates.hpp"

namespace dateline::notify {

class TemplateAccountMailer final : public accounts::AccountMailer {
 public:
  TemplateAccountMailer(const render::Templates& templates, const core::Config& config)
      : templates_(templates), config_(config) {}

  mail::Message Verification(const accounts::User& user, const std::string& email,
                             const std::string& link_token, const std::string& code,
                             const std::string& return_path) const override;
  mail::Message AlreadyRegistered(const std::string& email) const override;
  mail::Message ResetCode(const accounts::User& user, const std::string& code) const override;
  mail::Message PasswordChanged(const accounts::User& user) const override;
  mail::Message EmailChangeRequested(const accounts::User& user,
                                     const std::string& new_email) const override;
  mail::Message EmailChanged(const accounts::User& user, const std::string& old_email,
                             const std::string& new_email) const override;

 private:
  mail::Message Compose(const std::string& to, const std::string& subject, const std::string& name,
                        render::View view) const;
  const render::Templates& templates_;
  const core::Config& config_;
};

}  // namespace dateline::notify
