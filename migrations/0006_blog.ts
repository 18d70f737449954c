import type { Kysely } from 'kysely'
import { NOW, oneOf, runStatements } from './ddl'

const POST_STATUSES = ['draft', 'scheduled', 'published', 'archived']

// Seed 004's blog tables. `blog_posts.category` names a blog_categories row (renaming a category
// renames it on its posts; deleting one leaves posts uncategorised). Analytics and engagement
// rows belong to their post and go with it; the reader (user_id) is optional and anonymised away
// when a person is deleted.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `CREATE TABLE blog_categories (
      id INTEGER PRIMARY KEY,
      category_name TEXT NOT NULL UNIQUE,
      category_description TEXT,
      created_at TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE TABLE blog_posts (
      id INTEGER PRIMARY KEY,
      blog_id TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
      sub_title TEXT CHECK (sub_title IS NULL OR length(sub_title) <= 500),
      category TEXT REFERENCES blog_categories (category_name) ON DELETE SET NULL ON UPDATE CASCADE,
      post_content TEXT,
      date_created TEXT NOT NULL DEFAULT ${NOW},
      date_updated TEXT NOT NULL DEFAULT ${NOW},
      author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
      status TEXT NOT NULL DEFAULT 'published' ${oneOf('status', POST_STATUSES, false)}
    ) STRICT`,
    `CREATE INDEX posts_category ON blog_posts (category)`,
    `CREATE INDEX posts_author ON blog_posts (author_id) WHERE author_id IS NOT NULL`,
    `CREATE INDEX posts_created ON blog_posts (date_created)`,
    `CREATE TABLE blog_analytics (
      id INTEGER PRIMARY KEY,
      blog_id TEXT NOT NULL REFERENCES blog_posts (blog_id) ON DELETE CASCADE ON UPDATE CASCADE,
      user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
      view_count INTEGER NOT NULL DEFAULT 0 CHECK (view_count >= 0),
      read_time_seconds INTEGER CHECK (read_time_seconds IS NULL OR read_time_seconds >= 0),
      scroll_depth_percentage INTEGER CHECK (scroll_depth_percentage IS NULL OR scroll_depth_percentage BETWEEN 0 AND 100),
      time_on_page_seconds INTEGER CHECK (time_on_page_seconds IS NULL OR time_on_page_seconds >= 0),
      timestamp TEXT NOT NULL DEFAULT ${NOW},
      ip_address TEXT CHECK (ip_address IS NULL OR length(ip_address) <= 45),
      user_agent TEXT
    ) STRICT`,
    `CREATE INDEX blog_analytics_post_time ON blog_analytics (blog_id, timestamp)`,
    `CREATE INDEX blog_analytics_time ON blog_analytics (timestamp)`,
    `CREATE INDEX blog_analytics_user ON blog_analytics (user_id) WHERE user_id IS NOT NULL`,
    `CREATE TABLE blog_engagement (
      id INTEGER PRIMARY KEY,
      blog_id TEXT NOT NULL REFERENCES blog_posts (blog_id) ON DELETE CASCADE ON UPDATE CASCADE,
      user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
      engagement_type TEXT NOT NULL,
      engagement_data TEXT CHECK (engagement_data IS NULL OR json_valid(engagement_data)),
      timestamp TEXT NOT NULL DEFAULT ${NOW}
    ) STRICT`,
    `CREATE INDEX blog_engagement_post_time ON blog_engagement (blog_id, timestamp)`,
    `CREATE INDEX blog_engagement_time ON blog_engagement (timestamp)`,
    `CREATE INDEX blog_engagement_user ON blog_engagement (user_id) WHERE user_id IS NOT NULL`,
  ])
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    `DROP TABLE blog_engagement`,
    `DROP TABLE blog_analytics`,
    `DROP TABLE blog_posts`,
    `DROP TABLE blog_categories`,
  ])
}
