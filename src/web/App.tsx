import { lazy, Suspense, useEffect } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { SessionProvider } from './api/session';
import { LanguageRoot } from './i18n/LanguageRoot';
import { Layout, PageHead } from './components/Layout';
import { Loading, Empty } from './components/State';
import { useTranslation } from 'react-i18next';

// Each view is its own chunk: the map data and echarts load only on the pages that draw them.
const Dashboard = lazy(() => import('./pages/Dashboard'));
const MapPage = lazy(() => import('./pages/MapPage'));
const IngestForm = lazy(() => import('./pages/Ingest').then((m) => ({ default: m.IngestForm })));
const IngestReview = lazy(() => import('./pages/Ingest').then((m) => ({ default: m.IngestReview })));
const Items = lazy(() => import('./pages/Items'));
const ItemPage = lazy(() => import('./pages/ItemPage'));
const ComponentEntry = lazy(() => import('./pages/ComponentEntry'));
const Components = lazy(() => import('./pages/Components'));
const ComponentPage = lazy(() => import('./pages/ComponentPage'));
const Claims = lazy(() => import('./pages/Claims'));
const Sources = lazy(() => import('./pages/Sources'));
const SourceReader = lazy(() => import('./pages/SourceReader'));
const Organisations = lazy(() => import('./pages/Organisations'));
const OrganisationPage = lazy(() => import('./pages/OrganisationPage'));
const Search = lazy(() => import('./pages/Search'));
const Screening = lazy(() => import('./pages/Screening'));
const Import = lazy(() => import('./pages/Import'));
const Tracing = lazy(() => import('./pages/Tracing'));
const TraceRequestPage = lazy(() => import('./pages/TraceRequestPage'));
const Login = lazy(() => import('./pages/Login'));
// Record forms (create and change) and administration.
const NewRecord = lazy(() => import('./pages/NewRecord'));
const IncidentForm = lazy(() => import('./pages/records/IncidentForm'));
const SourceForm = lazy(() => import('./pages/records/SourceForm'));
const ClaimForm = lazy(() => import('./pages/records/ClaimForm'));
const OrganisationForm = lazy(() => import('./pages/records/OrganisationForm'));
const ItemForm = lazy(() => import('./pages/records/ItemForm'));
const CaseForm = lazy(() => import('./pages/records/CaseForm'));
const Admin = lazy(() => import('./pages/Admin'));
const Capture = lazy(() => import('./pages/Capture'));

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHead title={t('notFound.title')} />
      <div className="card">
        <Empty title={t('notFound.empty')}>{t('notFound.hint')}</Empty>
      </div>
    </>
  );
}

/** Moves focus to the page on navigation so keyboard and screen-reader users start at the new content. */
function FocusOnNavigate() {
  const [location] = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location]);
  return null;
}

export function App() {
  return (
    <SessionProvider>
      <LanguageRoot>
      <Switch>
        <Route path="/login">
          <Suspense fallback={<Loading />}>
            <Login />
          </Suspense>
        </Route>
        <Route>
          <Layout>
            <FocusOnNavigate />
            <Suspense fallback={<Loading lines={6} />}>
              <Switch>
                <Route path="/" component={Dashboard} />
                <Route path="/new" component={NewRecord} />
                <Route path="/admin" component={Admin} />
                <Route path="/incidents/new" component={IncidentForm} />
                <Route path="/incidents/:id/edit" component={IncidentForm} />
                <Route path="/sources/new" component={SourceForm} />
                <Route path="/sources/:id/edit" component={SourceForm} />
                <Route path="/claims/new" component={ClaimForm} />
                <Route path="/claims/:id/edit" component={ClaimForm} />
                <Route path="/organisations/new" component={OrganisationForm} />
                <Route path="/organisations/:id/edit" component={OrganisationForm} />
                <Route path="/items/new" component={ItemForm} />
                <Route path="/items/:id/edit" component={ItemForm} />
                <Route path="/cases/new" component={CaseForm} />
                <Route path="/cases/:id/edit" component={CaseForm} />
                <Route path="/map" component={MapPage} />
                <Route path="/capture" component={Capture} />
                <Route path="/items" component={Items} />
                <Route path="/items/:id/enter" component={ComponentEntry} />
                <Route path="/items/:id/:tab?" component={ItemPage} />
                <Route path="/components" component={Components} />
                <Route path="/components/:id" component={ComponentPage} />
                <Route path="/claims" component={Claims} />
                <Route path="/sources" component={Sources} />
                <Route path="/sources/:id" component={SourceReader} />
                <Route path="/ingest" component={IngestForm} />
                <Route path="/ingest/:id" component={IngestReview} />
                <Route path="/organisations" component={Organisations} />
                <Route path="/organisations/:id" component={OrganisationPage} />
                <Route path="/search" component={Search} />
                <Route path="/tracing" component={Tracing} />
                <Route path="/screening" component={Screening} />
                <Route path="/import" component={Import} />
                <Route path="/tracing/:id" component={TraceRequestPage} />
                <Route component={NotFound} />
              </Switch>
            </Suspense>
          </Layout>
        </Route>
      </Switch>
      </LanguageRoot>
    </SessionProvider>
  );
}
