module github.com/playbookhq/playbook

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/adrg/frontmatter v0.2.0
	github.com/goccy/go-yaml v1.19.2
	github.com/yuin/goldmark v1.8.7
	golang.org/x/sys v0.50.0
)

require gopkg.in/yaml.v2 v2.3.0 // indirect
