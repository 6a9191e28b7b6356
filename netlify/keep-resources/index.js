// Keeps the site's resources/ folder between Netlify deploys: the share cards
// (one PNG drawn per entry, a few milliseconds each) and the CSS compiled from the
// site's own SCSS. A deploy then draws only the cards of new or changed entries.
// netlify.toml names this plugin; Netlify gives it `utils.cache`.

const folder = "resources";

module.exports = {
  async onPreBuild({ utils }) {
    const restored = await utils.cache.restore(folder);
    console.log(restored ? `Restored ${folder}/ from the last deploy.` : `No ${folder}/ kept yet: this deploy draws every share card.`);
  },
  async onPostBuild({ utils }) {
    if (await utils.cache.save(folder)) {
      console.log(`Kept ${folder}/ for the next deploy.`);
    }
  },
};
