import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import numericToAlpha2 from '../../data/iso-3166-numeric.json';
import { useFormat } from '../../i18n/format.ts';
import { classBounds, classOf } from './choropleth.ts';

const WIDTH = 960;
const HEIGHT = 470;
const ANTARCTICA = '010';
const ALPHA2 = numericToAlpha2 as Record<string, string>;

type Country = Feature<Geometry, { name: string }>;

/** Countries projected once per page load; they do not depend on the data. */
function useCountries(): { d: string; alpha2: string | undefined; id: string }[] {
  return useMemo(() => {
    const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const all = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
    const countries = all.features.filter((f: Country) => f.id !== ANTARCTICA);
    const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: 'FeatureCollection', features: countries });
    const path = geoPath(projection);
    return countries.map((f, i) => ({ d: path(f) ?? '', id: String(f.id ?? `x${i}`), alpha2: f.id === undefined ? undefined : ALPHA2[String(f.id)] }));
  }, []);
}

/**
 * Choropleth of breach attempts by source country. The map is a picture of the table beside it:
 * every number on it is also in the table, so nothing depends on telling colours apart.
 */
export function WorldMap({ counts }: { counts: ReadonlyMap<string, number> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const titleId = useId();
  const countries = useCountries();
  const bounds = useMemo(() => classBounds(Math.max(0, ...counts.values())), [counts]);

  return (
    <figure className="world-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{t('overview.mapAlt')}</title>
        {countries.map((c) => {
          const count = (c.alpha2 && counts.get(c.alpha2)) || 0;
          return (
            <path key={c.id} d={c.d} className={`map-c${classOf(count, bounds)}`}>
              <title>{`${c.alpha2 ? fmt.country(c.alpha2) : ''}: ${t('overview.attempts', { count, formatted: fmt.number(count) })}`}</title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <MapLegend bounds={bounds} />
      </figcaption>
    </figure>
  );
}

function MapLegend({ bounds }: { bounds: number[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <ul className="map-legend" aria-label={t('overview.legend')}>
      <li>
        <span className="swatch map-c0" aria-hidden="true" /> {t('overview.none')}
      </li>
      {bounds.map((upper, i) => {
        const lower = i === 0 ? 1 : bounds[i - 1]! + 1;
        return (
          <li key={upper}>
            <span className={`swatch map-c${i + 1}`} aria-hidden="true" /> {lower === upper ? fmt.number(upper) : `${fmt.number(lower)}–${fmt.number(upper)}`}
          </li>
        );
      })}
    </ul>
  );
}
