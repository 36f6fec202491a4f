#pragma once
// The subscription-request emails, from templates/emails/, links from the site URL.

#include "core/config.hpp"
#include "render/templates.hpp"
#include "subscriptions/request_mailer.hpp"

namespace dateline::notify {

class TemplateRequestMailer final : public subscriptions::RequestMailer {
 public:
  TemplateRequestMailer(const render::Templates& templates, const core::Config& config)
      : templates_(templates), config_(config) {}
  mail::Message Received(const std::string& email, const std::string& full_name,
                         const std::string& what) const override;
  mail::Message Approved(const std::string& email, const std::string& full_name,
                         const std::string& plan_name, int64_t until) const override;
  mail::Message Declined(const std::string& email, const std::string& full_name,
                         const std::string& reason) const override;

 private:
  mail::Message Compose(const std::string& to, const std::string& subject, const std::string& name,
                        render::View view) const;
  const render::Templates& templates_;
  const core::Config& config_;
};

}  // namespace dateline::notify
