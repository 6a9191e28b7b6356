// Keeps, between Netlify deploys, the site's resources/ folder (the share cards,
// one PNG per entry, and the CSS compiled from the site's own SCSS) and the last
// deploy's output (the publish folder, public/ by default). A deploy then draws
// only the cards of new or changed entries, and `playbook build` links the pages
// of the last output whose inputs did not change instead of rendering them again:
// it checks each against the list in the output's .playbook-output marker, which
// holds a hash of the program too, so a deploy with other code renders everything.
// netlify.toml names this plugin; Netlify gives it `utils.cache` and `constants`.

const path = require("node:path");

// folders returns the folders to keep: resources/ and the publish folder, both
// relative to the site's base directory when Netlify names them absolutely.
function folders(constants) {
  const publish = (constants && constants.PUBLISH_DIR) || "public";
  return [
    { name: "resources", dir: "resources" },
    { name: "the last output", dir: path.isAbsolute(publish) ? path.relative(process.cwd(), publish) || "." : publish },
  ].filter((f) => f.dir !== "." && !f.dir.startsWith(".."));
}

module.exports = {
  async onPreBuild({ utils, constants }) {
    for (const f of folders(constants)) {
      const restored = await utils.cache.restore(f.dir);
      console.log(restored ? `Restored ${f.dir}/ (${f.name}) from the last deploy.` : `No ${f.dir}/ (${f.name}) kept yet: this deploy makes it all.`);
    }
  },
  async onPostBuild({ utils, constants }) {
    for (const f of folders(constants)) {
      if (await utils.cache.save(f.dir)) {
        console.log(`Kept ${f.dir}/ (${f.name}) for the next deploy.`);
      }
    }
  },
};
