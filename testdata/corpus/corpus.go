// Package corpus pins the real-world modules that httpvet is measured on.
// Nothing here runs: the blank imports keep the modules in go.mod, and the
// corpus test in cmd/httpvet lints their packages from the module cache,
// together with the package patterns listed in packages.txt (applications'
// main packages and whole modules, which an import cannot name). A module
// listed only in packages.txt still needs one blank import here, of a
// library package of it, so that go mod tidy keeps it; packages.txt says
// how main packages are pinned.
package corpus

import (
	_ "github.com/PagerDuty/go-pagerduty"
	_ "github.com/andygrunwald/go-jira/v2/cloud"
	_ "github.com/andygrunwald/go-jira/v2/onpremise"
	_ "github.com/axllent/mailpit/config"
	_ "github.com/bwmarrin/discordgo"
	_ "github.com/cli/go-gh/v2/pkg/api"
	_ "github.com/cloudflare/cloudflare-go"
	_ "github.com/containrrr/shoutrrr"
	_ "github.com/digitalocean/godo"
	_ "github.com/gocolly/colly/v2"
	_ "github.com/gophish/gophish/controllers"
	_ "github.com/google/go-github/v74/github"
	_ "github.com/hashicorp/consul/api"
	_ "github.com/hashicorp/go-retryablehttp"
	_ "github.com/hashicorp/vault/api"
	_ "github.com/hetznercloud/hcloud-go/v2/hcloud"
	_ "github.com/hetznercloud/hcloud-go/v2/hcloud/metadata"
	_ "github.com/mattn/go-mastodon"
	_ "github.com/oauth2-proxy/oauth2-proxy/v7/providers"
	_ "github.com/openai/openai-go/v3"
	_ "github.com/prometheus/alertmanager/config/receiver" // imports every notifier, so tidy keeps their dependencies
	_ "github.com/sashabaranov/go-openai"
	_ "github.com/slack-go/slack"
	_ "github.com/stripe/stripe-go/v82"
	_ "github.com/tsenart/vegeta/v12/lib"
	_ "golang.org/x/oauth2"
	_ "golang.org/x/oauth2/clientcredentials"
)
