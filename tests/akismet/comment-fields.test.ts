import { describe, expect, it } from 'vitest'
import { readAkismetCheck } from '../../src/akismet/comment-fields.js'
import { parseAkismetForm } from '../../src/akismet/form.js'

const form = (...args: Parameters<typeof parseAkismetForm>) => parseAkismetForm(...args)
const check = (body: string) => readAkismetCheck(form(body))

describe('readAkismetCheck', () => {
  it('takes the article from permalink, with its URL', () => {
    const read = check(
      'permalink=https%3A%2F%2Fblog.example%2Fpost%2F&comment_post_ID=42&blog=https%3A%2F%2Fblog.example',
    )
    expect(read.comment.articleId).toBe('https://blog.example/post/')
    expect(read.comment.articleUrl).toBe('https://blog.example/post/')
  })

  it("falls back to WordPress's comment_post_ID, then the blog, then 'unknown'", () => {
    const blog = 'blog=https%3A%2F%2Fblog.example'
    expect(check(`comment_post_ID=42&${blog}`).comment).toMatchObject({ articleId: 'post-42' })
    expect(check(`comment_post_ID=42&${blog}`).comment.articleUrl).toBeUndefined()
    expect(check(blog).comment.articleId).toBe('https://blog.example')
    expect(check('user_ip=192.0.2.1').comment.articleId).toBe('unknown')
  })

  it('does not take a permalink that is not an http(s) URL as the article', () => {
    const read = check('permalink=javascript%3Aalert(1)&comment_post_ID=7')
    expect(read.comment.articleId).toBe('post-7')
    expect(read.comment.articleUrl).toBeUndefined()
  })

  it('maps the comment fields', () => {
    const read = check(
      'comment_author=Jean+Dupont&comment_author_email=jean%40example.org&comment_author_url=https%3A%2F%2Fjean.example' +
        '&comment_content=Bonjour&user_ip=2001%3Adb8%3A%3A1&user_agent=Mozilla%2F5.0&referrer=https%3A%2F%2Fblog.example%2F',
    )
    expect(read.comment).toMatchObject({
      author: { name: 'Jean Dupont', email: 'jean@example.org', url: 'https://jean.example' },
      content: 'Bonjour',
      ip: '2001:db8::1',
      userAgent: 'Mozilla/5.0',
      referrer: 'https://blog.example/',
    })
  })

  it('names an author who gave no name Anonymous, with no content as empty', () => {
    const read = check('user_ip=192.0.2.1')
    expect(read.comment.author.name).toBe('Anonymous')
    expect(read.comment.content).toBe('')
    expect(read.comment.userAgent).toBeNull()
    expect(read.comment.referrer).toBeNull()
  })

  it('leaves out an e-mail, URL or IP that is not one', () => {
    const read = check(
      'comment_author_email=not-an-email&comment_author_url=javascript%3Aalert(1)&user_ip=999.1.1.1',
    )
    expect(read.comment.author.email).toBeUndefined()
    expect(read.comment.author.url).toBeUndefined()
    expect(read.comment.ip).toBeNull()
    expect(check('comment_author_url=not+a+url').comment.author.url).toBeUndefined()
    expect(check('user_ip=localhost').comment.ip).toBeNull()
  })

  it.each([
    [
      'quoted where no quotes are needed',
      '"jeanne.dupont"@perso-dupont.example',
      'jeanne.dupont@perso-dupont.example',
    ],
    ['in angle brackets', '<jeanne@angle.example>', 'jeanne@angle.example'],
    ['as a mailto: link', 'mailto:jeanne@mailto.example', 'jeanne@mailto.example'],
    ["with the root's dot after its domain", 'jeanne@perso-dupont.example.', 'jeanne@perso-dupont.example'],
    ['quoted in another script', '"жанна"@почта.example', 'жанна@почта.example'],
    ['quoted with a comma, which needs its quotes', '"dupont,jeanne"@x.example', '"dupont,jeanne"@x.example'],
  ])('keeps an e-mail sent %s as the plain address an export is asked by', (_, sent, kept) => {
    expect(check(`comment_author_email=${encodeURIComponent(sent)}`).comment.author.email).toBe(kept)
  })

  it('leaves out an e-mail too long to keep whole, rather than keeping its first 100 characters', () => {
    // Cut, it would still look like an address (…@example.c), and the reader's own, whole address would never
    // find it again for an export or an erasure.
    const address = `${'a'.repeat(88)}@example.com.au`
    expect(check(`comment_author_email=${encodeURIComponent(address)}`).comment.author.email).toBeUndefined()
    const longest = `${'a'.repeat(88)}@example.com`
    expect(check(`comment_author_email=${encodeURIComponent(longest)}`).comment.author.email).toBe(longest)
  })

  it.each([
    ['a forwarded list', '203.0.113.5%2C+10.0.0.1', '203.0.113.5'],
    ['an IPv4 address with a port', '203.0.113.5%3A51234', '203.0.113.5'],
    ['a bracketed IPv6 address', '%5B2001%3Adb8%3A%3A1%5D', '2001:db8::1'],
    ['a bracketed IPv6 address with a port', '%5B2001%3Adb8%3A%3A1%5D%3A443', '2001:db8::1'],
    ['a bare IPv6 address', '2001%3Adb8%3A%3A1', '2001:db8::1'],
    // A zone names an interface of the sender's own machine: the same reader's address without it.
    ['an IPv6 address with its zone', 'fe80%3A%3A1%25eth0', 'fe80::1'],
    ['a bracketed IPv6 address with its zone and a port', '%5Bfe80%3A%3A1%25eth0%5D%3A443', 'fe80::1'],
    // A dual-stack server sees IPv4 readers so: the reader's IPv4 address, as moderators know it.
    ['an IPv4-mapped IPv6 address', '%3A%3Affff%3A203.0.113.5', '203.0.113.5'],
  ])('reads the address in user_ip sent as %s', (_, value, address) => {
    const read = check(`user_ip=${value}`)
    expect(read.comment.ip).toBe(address)
    expect(read.ipProblem).toBeUndefined()
  })

  it('tells a missing user_ip from one that is no address', () => {
    expect(check('blog=x').ipProblem).toBe('missing')
    expect(check('user_ip=+').ipProblem).toBe('missing')
    expect(check('user_ip=not-an-ip').ipProblem).toBe('invalid')
    expect(check('user_ip=203.0.113.5%3Ahttp').ipProblem).toBe('invalid')
    expect(check('user_ip=%2C+10.0.0.1').ipProblem).toBe('invalid')
  })

  it('knows whether a name was sent, and whether the call is a recheck', () => {
    expect(check('comment_author=Jean').authorNamed).toBe(true)
    expect(check('comment_author=+').authorNamed).toBe(false)
    expect(check('user_ip=192.0.2.1').authorNamed).toBe(false)
    expect(check('recheck_reason=recheck_queue').recheck).toBe(true)
    expect(check('recheck_reason=').recheck).toBe(false)
    expect(check('user_ip=192.0.2.1').recheck).toBe(false)
  })

  it('reads the honeypot under the name honeypot_field_name gives', () => {
    const filled = check('honeypot_field_name=hidden_field&hidden_field=http%3A%2F%2Fbot.example')
    expect(filled.comment.honeypot).toBe('http://bot.example')
    expect(check('honeypot_field_name=hidden_field&hidden_field=').comment.honeypot).toBeUndefined()
    expect(check('honeypot_field_name=hidden_field').comment.honeypot).toBeUndefined()
    // A field that merely looks like a honeypot is not one unless honeypot_field_name names it.
    expect(check('hidden_field=x').comment.honeypot).toBeUndefined()
  })

  it("reads the WordPress plugin's own hidden textarea, which it sends on without naming it", () => {
    expect(check('POST_ak_hp_textarea=http%3A%2F%2Fbot.example').comment.honeypot).toBe('http://bot.example')
    expect(check('POST_ak_hp_textarea=').comment.honeypot).toBeUndefined()
    // A honeypot the call names is the one read.
    expect(check('honeypot_field_name=h&h=&POST_ak_hp_textarea=x').comment.honeypot).toBeUndefined()
  })

  it.each(['1', 'true', 'yes', 'TRUE', 'Yes'])('reads is_test=%s as a test', (value) => {
    expect(check(`is_test=${value}`).isTest).toBe(true)
  })

  it.each(['0', 'false', 'no', ''])('reads is_test=%s as no test', (value) => {
    expect(check(`is_test=${value}`).isTest).toBe(false)
  })

  it('finds administrator in a role list', () => {
    expect(check('user_role=administrator').administrator).toBe(true)
    expect(check('user_role=editor%2Cadministrator').administrator).toBe(true)
    expect(check('user_role=administrator,+editor').administrator).toBe(true)
    expect(check('user_role=Administrator').administrator).toBe(true)
    expect(check('user_role=editor,subscriber').administrator).toBe(false)
    expect(check('user_role=').administrator).toBe(false)
    expect(check('user_ip=192.0.2.1').administrator).toBe(false)
  })

  it.each([
    ['the guaranteed-spam name', 'comment_author=akismet-guaranteed-spam'],
    ['the legacy test name', 'comment_author=viagra-test-123'],
    ['the guaranteed-spam e-mail', 'comment_author_email=akismet-guaranteed-spam%40example.com'],
    ['the guaranteed-spam e-mail in capitals', 'comment_author_email=Akismet-Guaranteed-Spam%40Example.com'],
  ])('knows %s for guaranteed spam', (_, body) => {
    expect(check(body).guaranteedSpam).toBe(true)
  })

  it('does not take an ordinary author for guaranteed spam', () => {
    expect(check('comment_author=Jean&comment_author_email=jean%40example.org').guaranteedSpam).toBe(false)
  })

  it.each([
    ['fr_FR', 'fr'],
    ['en, fr_ca', 'en'],
    ['de-DE', 'de'],
    ['en_US', 'en'],
    ['fra', 'fra'],
  ])('reads blog_lang %s as the language %s', (blogLang, language) => {
    expect(check(`blog_lang=${encodeURIComponent(blogLang)}`).comment.articleLanguage).toBe(language)
  })

  it('has no language when blog_lang names none', () => {
    expect(check('blog_lang=').comment.articleLanguage).toBeUndefined()
    expect(check('blog_lang=12').comment.articleLanguage).toBeUndefined()
    expect(check('blog_lang=english').comment.articleLanguage).toBeUndefined()
    expect(check(`blog_lang=${'_'.repeat(1000)}`).comment.articleLanguage).toBeUndefined()
    expect(check('user_ip=192.0.2.1').comment.articleLanguage).toBeUndefined()
  })

  it('keeps unknown fields in extra, as sent, and mapped fields out of it', () => {
    const read = check(
      [
        'api_key=abcdef123456',
        'key=abcdef123456',
        'blog=https%3A%2F%2Fblog.example',
        'user_ip=192.0.2.1',
        'user_agent=UA',
        'referrer=https%3A%2F%2Fr.example',
        'permalink=https%3A%2F%2Fblog.example%2Fp',
        'comment_type=comment',
        'comment_author=Jean',
        'comment_author_email=jean%40example.org',
        'comment_author_url=https%3A%2F%2Fjean.example',
        'comment_content=Salut',
        'comment_context%5B0%5D=politique',
        'comment_context%5B1%5D=europe',
        'blog_lang=fr_FR',
        'is_test=0',
        'user_role=subscriber',
        'guid=0190b8a4-0000-7000-8000-000000000000',
        'POST_ak_hp_textarea=',
        'POST_ak_js=1764331200123',
        'HTTP_USER_AGENT=Mozilla%2F5.0',
        'HTTP_ACCEPT_LANGUAGE=fr-FR%2Cfr%3Bq%3D0.9',
        'comment_post_ID=42',
      ].join('&'),
    )
    expect(read.extra).toEqual({
      blog: 'https://blog.example',
      comment_type: 'comment',
      comment_context: ['politique', 'europe'],
      POST_ak_hp_textarea: '',
      POST_ak_js: '1764331200123',
      HTTP_USER_AGENT: 'Mozilla/5.0',
      HTTP_ACCEPT_LANGUAGE: 'fr-FR,fr;q=0.9',
      comment_post_ID: '42',
    })
  })

  it('keeps fields named like properties every object has as fields of their own', () => {
    const read = check('comment_content=Salut&__proto__=a&constructor=b&toString=c')
    expect(Object.getPrototypeOf(read.extra)).toBe(Object.prototype)
    expect(JSON.parse(JSON.stringify(read.extra))).toEqual(
      JSON.parse('{"__proto__": "a", "constructor": "b", "toString": "c"}'),
    )
  })

  it("keeps none of the secrets a client forwarding all of $_SERVER sends: a framework's .env, a form's password", () => {
    // PHP5Akismet and the CMS plugins built on it forward $_SERVER, which Laravel's, Symfony's and CakePHP's
    // dotenv loaders fill with the application's .env; a signup form checked by WordPress sends its fields as POST_*.
    const secrets = {
      DB_PASSWORD: 'hunter2',
      APP_KEY: 'base64:2fl+Ktvkfl+Fuz4Qp/A75G2RTiWVA/ZoKZvp6fiiM10=',
      APP_SECRET: '67d829bf61dc5f87a73fd814e2c9f629',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      MAIL_PASSWORD: 'smtp-pass',
      STRIPE_API_KEY: 'sk_live_0123456789',
      GITHUB_TOKEN: 'ghp_0123456789',
      DATABASE_URL: 'postgresql://app:s3cret@db.internal:5432/app',
      POST_user_pass: 'correct horse battery staple',
      POST_pwd: 'letmein',
    }
    const kept = {
      SERVER_NAME: 'blog.example',
      REQUEST_URI: '/wp-comments-post.php',
      HTTP_ACCEPT_LANGUAGE: 'fr-FR,fr;q=0.9',
      POST_ak_js: '1764331200123',
      comment_type: 'signup',
      APP_URL: 'https://blog.example',
    }
    const body = Object.entries({ user_ip: '192.0.2.1', ...secrets, ...kept })
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&')
    expect(check(body).extra).toEqual(kept)
  })

  it('keeps no field whose name is longer than any form’s (over 200 characters)', () => {
    const long = `POST_${'a'.repeat(196)}`
    expect(check(`user_ip=192.0.2.1&${long}=x&POST_ak_js=1`).extra).toEqual({ POST_ak_js: '1' })
    expect(check(`user_ip=192.0.2.1&${long.slice(1)}=x`).extra).toEqual({ [long.slice(1)]: 'x' })
  })

  it('reads the guid a client sends back', () => {
    expect(check('guid=+0190b8a4-0000-7000-8000-000000000000+').guid).toBe(
      '0190b8a4-0000-7000-8000-000000000000',
    )
    expect(check('user_ip=192.0.2.1').guid).toBeUndefined()
  })
})

describe("a check from WordPress's comment form, which the plugin sends slashed", () => {
  const wordpressForm = (fields: string) => `akismet_comment_nonce=passed&POST_comment=x&${fields}`

  it('is read as the reader wrote it, as PHP strips slashes: \\\\ is one backslash, \\0 a dropped NUL', () => {
    const read = check(
      wordpressForm(
        `user_ip=192.0.2.1&comment_author=${encodeURIComponent("d\\'Ormesson")}` +
          `&comment_content=${encodeURIComponent('\\"Oui\\", C:\\\\tmp\\0 fin\\')}`,
      ),
    )
    expect(read.comment.author.name).toBe("d'Ormesson")
    expect(read.comment.content).toBe('"Oui", C:\\tmp fin')
  })

  it('is told by the plugin nonce with the form field: without either, backslashes are the text', () => {
    const content = `comment_content=${encodeURIComponent("l\\'article")}`
    expect(check(`akismet_comment_nonce=passed&${content}`).comment.content).toBe("l\\'article")
    expect(check(`POST_comment=x&${content}`).comment.content).toBe("l\\'article")
    expect(check(wordpressForm(content)).comment.content).toBe("l'article")
    const reply = `akismet_comment_nonce=inactive&POST__ajax_nonce-replyto-comment=abc&${content}`
    expect(check(reply).comment.content).toBe("l'article")
  })

  it('is told, for what WordPress takes in by XML-RPC (wp.newComment, pingbacks), by its endpoint in REQUEST_URI', () => {
    // xmlrpc.php has no form: wp_xmlrpc_server slashes what it reads from the XML for wp_new_comment().
    const content = `comment_content=${encodeURIComponent("l\\'article")}`
    for (const uri of ['/xmlrpc.php', '/blog/xmlrpc.php', '/xmlrpc.php?for=jetpack']) {
      const xmlrpc = `akismet_comment_nonce=failed&REQUEST_URI=${encodeURIComponent(uri)}&${content}`
      expect(check(xmlrpc).comment.content).toBe("l'article")
      expect(check(`${xmlrpc}&comment_type=pingback`).comment.content).toBe("l'article")
    }
    // The plugin's own pingback pre-check reads the XML-RPC call's parameters as sent, unslashed.
    const preCheck = `akismet_comment_nonce=failed&REQUEST_URI=%2Fxmlrpc.php&akismet_pre_check=1&${content}`
    expect(check(preCheck).comment.content).toBe("l\\'article")
    // Not WordPress's plugin, or not its endpoint: the REST API, a page merely named so.
    expect(check(`REQUEST_URI=%2Fxmlrpc.php&${content}`).comment.content).toBe("l\\'article")
    for (const uri of ['/wp-json/wp/v2/comments', '/my-xmlrpc.php.html', '/?rest_route=/wp/v2/comments']) {
      const other = `akismet_comment_nonce=passed&REQUEST_URI=${encodeURIComponent(uri)}&${content}`
      expect(check(other).comment.content).toBe("l\\'article")
    }
  })

  it('is told, for a trackback, by its type: wp-trackback.php slashes what it passes to wp_new_comment()', () => {
    const content = `comment_content=${encodeURIComponent("<strong>L\\'été</strong>")}`
    const trackback = `akismet_comment_nonce=failed&comment_type=trackback&POST_url=x&${content}`
    expect(check(trackback).comment.content).toBe("<strong>L'été</strong>")
    expect(check(`comment_type=trackback&${content}`).comment.content).toBe("<strong>L\\'été</strong>")
  })
})
