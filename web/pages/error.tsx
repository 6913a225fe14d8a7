import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../context.ts';

export interface ErrorPageProps {
  ctx: PageContext;
  title: string;
  text: string;
  /** Where to go from here (the form again, the first page of a list). */
  link: { href: string; label: string };
}

/** A request the site refuses, explained in the reader's language (the API answers problem+json instead). */
export function ErrorPage({ ctx, title, text, link }: ErrorPageProps) {
  return (
    <Layout ctx={ctx} title={title} description={text}>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href={link.href}>{link.label}</a>
      </p>
    </Layout>
  );
}
