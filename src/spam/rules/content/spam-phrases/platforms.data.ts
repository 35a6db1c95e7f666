/** Words shared by the SEO and self-promotion families: the platforms, and what a writer has on them. */
export const youtube =
  'youtube|yt|tiktok|instagram|insta|twitch|soundcloud|facebook|fb|twitter|snapchat|spotify'
export const myThing =
  'channel|chanel|chanell|channels|vids|videos|video|vid|song|songs|music|page|profile|playlist|mixtape|track|tracks|covers|cover|remix|remixes|rap|raps|stream|youtube'
