import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../context.ts';

export function NotFoundPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.notFound.title} description={t.notFound.text}>
      <h1>{t.notFound.title}</h1>
      <p>{t.notFound.text}</p>
      <p>
        <a href="/">{t.notFound.home}</a>
      </p>
    </Layout>
  );
}
